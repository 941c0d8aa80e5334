import { FUNCTION_WORDS, isStop, stem, type TextDocument } from './tfidf';

/**
 * Shared topics as people wrote them. Scoring compares folded, stemmed tokens ("sale strategy", "work life
 * balance"); a person reads "sales strategy" and "work-life balance". Each token is shown as the first
 * words that produced it: the mentee's chosen topics, then the mentor's, then the mentee's own words
 * (goals), then the mentor's (bio). The tokenisation here mirrors tfidf.ts word for word (a test holds
 * them to the same tokens); only the display changes, never a score.
 */

const ASCII = /^[\x00-\x7f]*$/;
const WORD = /[a-z0-9][a-z0-9+#]*/g;

interface WrittenWord {
  /** The word as `words` in tfidf.ts folds it (accents off, lower case), not stemmed. */
  folded: string;
  /** The characters it was written with. */
  written: string;
}

/** The words of `text` as tfidf.ts finds them, each with the original characters it came from. */
export function writtenWords(text: string): WrittenWord[] {
  // Plain ASCII (most answers) folds to itself lower-cased, character for character.
  if (ASCII.test(text)) return [...text.toLowerCase().matchAll(WORD)].map((m) => ({ folded: m[0], written: text.slice(m.index, m.index + m[0].length) }));
  let folded = '';
  const start: number[] = []; // for each folded code unit: where its character starts in `text`
  const end: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    for (let k = 0; k < f.length; k++) {
      start.push(at);
      end.push(at + ch.length);
    }
    // A combining accent folds to nothing: it belongs to the letter before it ("Cafe\u0301" is written "Café").
    if (f.length === 0 && end.length > 0) end[end.length - 1] = at + ch.length;
    folded += f;
    at += ch.length;
  }
  return [...folded.matchAll(WORD)].map((m) => ({
    folded: m[0],
    written: text.slice(start[m.index]!, end[m.index + m[0].length - 1]!),
  }));
}

type Emit = (token: string, written: string) => void;

/** The tokens of tokenizeTag in tfidf.ts, with how they were written: a multi-word tag is its own phrase. */
function tagTokens(tag: string, emit: Emit): void {
  const ws = writtenWords(tag);
  const stems = ws.map((w) => stem(w.folded));
  stems.forEach((s, k) => {
    if (!isStop(s)) emit(s, ws[k]!.written);
  });
  if (ws.length > 1) emit(stems.join(' '), tag.trim().replace(/\s+/g, ' '));
}

/** The tokens of free text (content words, then adjacent-word phrases) as tfidf.ts makes them. */
function textTokens(text: string, emit: Emit): void {
  const ws = writtenWords(text);
  for (const w of ws) if (!(isStop(w.folded) || (w.folded.length < 2 && !/\d/.test(w.folded)))) emit(stem(w.folded), w.written);
  for (let k = 0; k + 1 < ws.length; k++) {
    const [a, b] = [ws[k]!, ws[k + 1]!];
    if (!FUNCTION_WORDS.has(a.folded) && !FUNCTION_WORDS.has(b.folded)) emit(`${stem(a.folded)} ${stem(b.folded)}`, `${a.written} ${b.written}`);
  }
}

/**
 * The tokens of `docs` with the words each was first written as; only those in `wanted` when given, and
 * then it stops reading as soon as it has them all. (Without `wanted`, the tests compare the tokens with
 * documentTokens.)
 */
export function writtenTokens(docs: readonly TextDocument[], wanted?: ReadonlySet<string>): Map<string, string> {
  const written = new Map<string, string>();
  const emit: Emit = (token, text) => {
    if (!written.has(token) && (!wanted || wanted.has(token))) written.set(token, text);
  };
  const done = () => wanted !== undefined && written.size === wanted.size;
  for (const doc of docs) for (const tag of doc.tags) if (!done()) tagTokens(tag, emit);
  for (const doc of docs) if (!done()) textTokens(doc.text, emit);
  return written;
}

/**
 * `terms` (stemmed tokens, as sharedTerms gives them) as the words that produced them in `docs` (mentee's
 * first), tags before free text; the same topic written twice is listed once.
 */
export function writtenTopics(terms: readonly string[], docs: readonly TextDocument[]): string[] {
  if (terms.length === 0) return [];
  const written = writtenTokens(docs, new Set(terms));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of terms) {
    const text = written.get(term) ?? term;
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}
