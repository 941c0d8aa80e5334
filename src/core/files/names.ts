/**
 * File names made from people's and cohorts' names: lower case, words joined by "-", safe on every
 * operating system and inside zip files.
 *
 * Latin letters are transliterated, not dropped: accents come off (é → e, ñ → n, Å → a: Unicode
 * decomposition, then the marks removed), and the letters that do not decompose use the table below
 * (ß → ss, ø → o, æ → ae, ł → l…). Letters of other scripts are kept as they are (李小龍, мария, أحمد):
 * they are the most readable name for the person who reads them, and every current system stores them
 * in file names. Everything else (spaces, punctuation, symbols, path separators) separates words;
 * apostrophes join them (O'Brien → obrien).
 */

const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k',
  ſ: 's', ƒ: 'f', ŀ: 'l', ȷ: 'j', ɖ: 'd', ɛ: 'e', ɔ: 'o', ƴ: 'y', ʼ: '',
};
const APOSTROPHES = new Set(["'", '’', '‘', 'ʻ', '`', '´']);
const ASCII_WORD = /^[a-z0-9]+$/;
const KEPT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;

/** One name as a file-name part: "Farah García" → "farah-garcia"; `fallback` when nothing is left. */
export function fileNamePart(text: string, fallback: string, maxLength = 60): string {
  let out = '';
  let lastLatin = false; // whether the last character written came from a Latin (ASCII) letter
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const table = LETTERS[lower];
    const plain = lower.normalize('NFKD').replace(/\p{M}/gu, '');
    let piece: string;
    if (table !== undefined) piece = table;
    else if (ASCII_WORD.test(plain)) piece = plain;
    else if (MARK.test(ch)) piece = lastLatin ? '' : ch; // a mark on a Latin letter goes; on Devanagari, Thai… it stays
    else if (KEPT.test(ch)) piece = lower;
    else if (APOSTROPHES.has(ch)) piece = '';
    else piece = '-';
    if (piece === '') continue;
    out += piece;
    lastLatin = ASCII_WORD.test(piece);
  }
  const words = out.replace(/-+/g, '-').replace(/^-|-$/g, '');
  // Cut at a character boundary, then drop a dangling separator.
  const cut = [...words].slice(0, maxLength).join('').replace(/-$/, '');
  return cut || fallback;
}

/** Names for a set of files (a zip): a name already given gets "-2", "-3"… before its extension. */
export function uniqueFileNames(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
