/**
 * Masks participants' names (and email addresses) in free-text answers: the coordinator sees "[name]".
 * Pure, so the import (anonymous surveys keep only the masked text) and every view use the same rule.
 *
 * Names compare without case and accents ("chloe" finds "Chloé"), word by word, so a first name alone
 * is masked too. A name part in a script written without spaces (Chinese, Japanese, Thai) is found
 * anywhere in the text, since there are no word boundaries to look for. Masking errs on the side of
 * privacy: a name that is also a word ("Rose", "Will") is masked wherever the word appears.
 */

export const NAME_MASK = '[name]';
export const EMAIL_MASK = '[email]';

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const EMAIL = /[^\s@<>()[\]"',;]+@[^\s@<>()[\]"',;]+\.[^\s@<>()[\]"',;]+/gu;

/** Case- and accent-blind form of a word: NFD without combining marks, lower case. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('und').normalize('NFC');
}

export interface NameMatcher {
  /** Folded name parts written with spaces between words. */
  words: Set<string>;
  /** Name parts in scripts without spaces, as written (NFC). */
  unspaced: string[];
}

/** Every part of every name, at least two characters long (an initial masks nothing useful and everything else). */
export function nameMatcher(names: Iterable<string>): NameMatcher {
  const words = new Set<string>();
  const unspaced = new Set<string>();
  for (const name of names) {
    for (const part of name.normalize('NFC').match(WORD) ?? []) {
      if ([...part].length < 2 && !UNSPACED.test(part)) continue;
      if (UNSPACED.test(part)) unspaced.add(part);
      else for (const piece of [part, ...part.split(/['’-]/)]) if ([...piece].length >= 2) words.add(foldWord(piece));
    }
  }
  // Longer parts first, so "王小明" is masked whole before "小明" could split it.
  return { words, unspaced: [...unspaced].sort((a, b) => b.length - a.length) };
}

export function maskNames(text: string, matcher: NameMatcher): string {
  let out = text.normalize('NFC').replace(EMAIL, EMAIL_MASK);
  for (const part of matcher.unspaced) out = out.split(part).join(NAME_MASK);
  out = out.replace(WORD, (word) => {
    if (matcher.words.has(foldWord(word))) return NAME_MASK;
    // "Ana's" or "Jean-Luc": a possessive or hyphenated name part.
    return matcher.words.has(foldWord(word.split(/['’-]/)[0]!)) ? NAME_MASK : word;
  });
  // "[name] [name]" (first and last name) reads as one name.
  return out.replace(/\[name\](?:\s+\[name\])+/g, NAME_MASK);
}
