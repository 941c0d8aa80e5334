/**
 * TF-IDF text similarity for the "content" criterion. Vectors are sparse, L2-normalised and
 * stored in typed arrays so that scoring millions of pairs needs no per-pair allocation.
 */

/** Function words: never content, and they break phrases. */
export const FUNCTION_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each etc few for from further get got had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just like me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own really same she ' +
    'should so some such than that the their theirs them themselves then there these they this those through to ' +
    'too under until up very was we well were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves'
  ).split(' '),
);
/**
 * Words almost every goal statement contains ("I want to learn/improve/grow..."): noise as single
 * words, but they may still be part of a phrase ("machine learning").
 */
const GENERIC_WORDS = new Set(
  'want wants wanting learn learning better improve grow growing help work working year years new interested interest interests love'.split(' '),
);
export const isStop = (w: string) => FUNCTION_WORDS.has(w) || GENERIC_WORDS.has(w);

/** Very small English plural stripping: enough that "APIs"/"api" and "libraries"/"library" meet. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|sis)$/.test(word)) {
    return word.slice(0, -1);
  }
  return word;
}

export function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // Keep + and # so "c++" and "c#" stay distinct from "c".
  return folded.match(/[a-z0-9][a-z0-9+#]*/g) ?? [];
}

/** Content words of free text, stop words removed, plurals stripped. */
export function tokenizeText(text: string): string[] {
  return contentWords(words(text));
}

function contentWords(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    if (isStop(w) || (w.length < 2 && !/\d/.test(w))) continue;
    out.push(stem(w));
  }
  return out;
}

/**
 * Adjacent word pairs of free text (not across function words), so "I lead a machine learning team"
 * meets the tag "machine learning".
 */
export function textPhrases(text: string): string[] {
  return phrases(words(text));
}

function phrases(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k + 1 < ws.length; k++) {
    const a = ws[k]!;
    const b = ws[k + 1]!;
    if (FUNCTION_WORDS.has(a) || FUNCTION_WORDS.has(b)) continue;
    out.push(`${stem(a)} ${stem(b)}`);
  }
  return out;
}

/**
 * A tag yields its words plus, for multi-word tags, the whole phrase as one token, so that
 * "machine learning" matches "machine learning" more strongly than "machine" and "learning" apart.
 */
export function tokenizeTag(tag: string): string[] {
  const all = words(tag).map(stem);
  const content = all.filter((w) => !isStop(w));
  if (all.length > 1) content.push(all.join(' '));
  return content;
}

/** Tags are deliberate choices, free text is not: tag tokens count double. */
const TAG_WEIGHT = 2;

/** A document as its author wrote it: chosen tags and free text. */
export interface TextDocument {
  readonly tags: readonly string[];
  readonly text: string;
}

/** Receives a token occurrence and what it adds to the token's count in its document. */
type TokenSink = (token: string, count: number) => void;

/** Each token occurrence of a document, in order. */
function forEachToken(doc: TextDocument, emit: TokenSink): void {
  for (const tag of doc.tags) for (const t of tokenizeTag(tag)) emit(t, TAG_WEIGHT);
  const ws = words(doc.text);
  for (const t of contentWords(ws)) emit(t, 1);
  // Text bigrams are dropped later unless another document has the same phrase (see buildTfIdf).
  for (const t of phrases(ws)) emit(t, 1);
}

export function documentTokens(tags: readonly string[], text: string): Map<string, number> {
  const tf = new Map<string, number>();
  forEachToken({ tags, text }, (t, count) => tf.set(t, (tf.get(t) ?? 0) + count));
  return tf;
}

/** Sparse, L2-normalised document vectors in CSR form (row = document). */
export interface SparseVectors {
  readonly rowStart: Int32Array;
  readonly term: Int32Array;
  readonly weight: Float64Array;
}

export interface TfIdfModel {
  readonly vocabulary: readonly string[];
  readonly mentees: SparseVectors;
  readonly mentors: SparseVectors;
}

/** Documents as term ids and counts in CSR form, terms in order of first occurrence. */
interface TermCounts {
  readonly docStart: Int32Array;
  readonly term: Int32Array;
  readonly tf: Float64Array;
}

/** Token ids in order of first occurrence over the whole corpus, with document frequencies. */
class Vocabulary {
  readonly terms: string[] = [];
  readonly df: number[] = [];
  private readonly index = new Map<string, number>();

  id(token: string): number {
    let k = this.index.get(token);
    if (k === undefined) {
      k = this.terms.length;
      this.index.set(token, k);
      this.terms.push(token);
      this.df.push(0);
    }
    return k;
  }

  /** Counts documents given as token streams (a token may repeat within one). */
  count(nDocs: number, forEachDocToken: (r: number, emit: TokenSink) => void): TermCounts {
    const docStart = new Int32Array(nDocs + 1);
    const term: number[] = [];
    const tf: number[] = [];
    const tfOf: number[] = []; // by id: the current document's count so far, 0 = not seen in it
    const emit: TokenSink = (token, count) => {
      const k = this.id(token);
      const prev = tfOf[k] ?? 0;
      if (prev === 0) term.push(k);
      tfOf[k] = prev + count;
    };
    for (let r = 0; r < nDocs; r++) {
      const first = term.length;
      forEachDocToken(r, emit);
      for (let q = first; q < term.length; q++) {
        const k = term[q]!;
        tf.push(tfOf[k]!);
        tfOf[k] = 0;
        this.df[k]! += 1;
      }
      docStart[r + 1] = term.length;
    }
    return { docStart, term: Int32Array.from(term), tf: Float64Array.from(tf) };
  }
}

/**
 * Builds one vocabulary and IDF over both sides (the cohort is the corpus), then vectors with
 * sublinear TF (1 + ln tf) × smoothed IDF, normalised to unit length so the dot product is the cosine.
 */
export function buildTfIdf(
  menteeDocs: readonly Map<string, number>[],
  mentorDocs: readonly Map<string, number>[],
): TfIdfModel {
  const vocab = new Vocabulary();
  const fromMaps = (docs: readonly Map<string, number>[]) =>
    vocab.count(docs.length, (r, emit) => docs[r]!.forEach((count, t) => emit(t, count)));
  return model(vocab, fromMaps(menteeDocs), fromMaps(mentorDocs));
}

/**
 * The same model as buildTfIdf over documentTokens of each document, without building a Map per
 * document: tokens go straight to vocabulary ids.
 */
export function buildTfIdfFromText(menteeDocs: readonly TextDocument[], mentorDocs: readonly TextDocument[]): TfIdfModel {
  const vocab = new Vocabulary();
  const fromText = (docs: readonly TextDocument[]) => vocab.count(docs.length, (r, emit) => forEachToken(docs[r]!, emit));
  return model(vocab, fromText(menteeDocs), fromText(mentorDocs));
}

function model(vocab: Vocabulary, mentees: TermCounts, mentors: TermCounts): TfIdfModel {
  const nDocs = mentees.docStart.length + mentors.docStart.length - 2;
  const idf = vocab.df.map((d) => Math.log((1 + nDocs) / (1 + d)) + 1);
  // A phrase seen in a single document cannot link two people; it would only dilute the vector.
  const keep = Uint8Array.from(vocab.terms, (t, k) => (!t.includes(' ') || vocab.df[k]! > 1 ? 1 : 0));
  return { vocabulary: vocab.terms, mentees: vectorize(mentees, idf, keep), mentors: vectorize(mentors, idf, keep) };
}

function vectorize(docs: TermCounts, idf: readonly number[], keep: Uint8Array): SparseVectors {
  const nDocs = docs.docStart.length - 1;
  const rowStart = new Int32Array(nDocs + 1);
  const term = new Int32Array(docs.term.length); // upper bound; rows may drop lone phrases
  const weight = new Float64Array(docs.term.length);
  const tfOf = new Float64Array(idf.length); // by term id, valid for the current document's terms
  let p = 0;
  for (let r = 0; r < nDocs; r++) {
    const start = p;
    for (let q = docs.docStart[r]!; q < docs.docStart[r + 1]!; q++) {
      const k = docs.term[q]!;
      if (keep[k] === 0) continue;
      term[p++] = k;
      tfOf[k] = docs.tf[q]!;
    }
    // Sorted term ids make the vectors (and all float sums over them) independent of input order.
    term.subarray(start, p).sort();
    let norm = 0;
    for (let q = start; q < p; q++) {
      const k = term[q]!;
      const w = (1 + Math.log(tfOf[k]!)) * idf[k]!;
      weight[q] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let q = start; q < p; q++) weight[q] = weight[q]! / norm;
    rowStart[r + 1] = p;
  }
  return { rowStart, term: term.slice(0, p), weight: weight.slice(0, p) };
}

/** Term → (mentor, weight) postings, so one mentee's cosine with all mentors costs only shared terms. */
export interface InvertedIndex {
  readonly termStart: Int32Array;
  readonly doc: Int32Array;
  readonly weight: Float64Array;
}

export function invertVectors(v: SparseVectors, vocabularySize: number): InvertedIndex {
  const termStart = new Int32Array(vocabularySize + 1);
  for (let p = 0; p < v.term.length; p++) termStart[(v.term[p] ?? 0) + 1]! += 1;
  for (let k = 0; k < vocabularySize; k++) termStart[k + 1]! += termStart[k]!;
  const fill = termStart.slice(0, vocabularySize);
  const doc = new Int32Array(v.term.length);
  const weight = new Float64Array(v.term.length);
  const nDocs = v.rowStart.length - 1;
  for (let r = 0; r < nDocs; r++) {
    for (let p = v.rowStart[r]!; p < v.rowStart[r + 1]!; p++) {
      const k = v.term[p]!;
      const at = fill[k]!++;
      doc[at] = r;
      weight[at] = v.weight[p]!;
    }
  }
  return { termStart, doc, weight };
}

/**
 * Writes the cosine of mentee `row` with every mentor into `out` (length = mentor count). Scoring uses
 * the faster `cosineRowInGroups`; this plain version is the reference the tests hold it to.
 */
export function cosineRow(model: TfIdfModel, inv: InvertedIndex, row: number, out: Float64Array): void {
  out.fill(0);
  const v = model.mentees;
  for (let p = v.rowStart[row]!; p < v.rowStart[row + 1]!; p++) {
    const k = v.term[p]!;
    const w = v.weight[p]!;
    for (let q = inv.termStart[k]!; q < inv.termStart[k + 1]!; q++) out[inv.doc[q]!]! += w * inv.weight[q]!;
  }
}

/**
 * Term → (mentor, weight) postings split by a group of the mentor (its UTC offset, say), so a row
 * of cosines can skip the groups whose mentors the caller does not need.
 */
export interface GroupedIndex {
  readonly groups: number;
  /** Postings of term k in group g: cellStart[k × groups + g] .. cellStart[k × groups + g + 1]. */
  readonly cellStart: Int32Array;
  readonly doc: Int32Array;
  readonly weight: Float64Array;
}

/** `groupOf[r]` is document r's group in 0..groups−1, or −1 to leave it out. */
export function invertVectorsByGroup(
  v: SparseVectors,
  vocabularySize: number,
  groupOf: Int32Array,
  groups: number,
): GroupedIndex {
  const cellStart = new Int32Array(vocabularySize * groups + 1);
  const nDocs = v.rowStart.length - 1;
  for (let r = 0; r < nDocs; r++) {
    const g = groupOf[r]!;
    if (g < 0) continue;
    for (let p = v.rowStart[r]!; p < v.rowStart[r + 1]!; p++) cellStart[v.term[p]! * groups + g + 1]! += 1;
  }
  for (let c = 0; c < vocabularySize * groups; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, vocabularySize * groups);
  const doc = new Int32Array(cellStart[vocabularySize * groups]!);
  const weight = new Float64Array(doc.length);
  for (let r = 0; r < nDocs; r++) {
    const g = groupOf[r]!;
    if (g < 0) continue;
    for (let p = v.rowStart[r]!; p < v.rowStart[r + 1]!; p++) {
      const at = fill[v.term[p]! * groups + g]!++;
      doc[at] = r;
      weight[at] = v.weight[p]!;
    }
  }
  return { groups, cellStart, doc, weight };
}

/**
 * cosineRow restricted to the mentors of `groups`; other entries of `out` are 0. Each mentor's
 * products are added in the same order (the mentee's terms, ascending) as in cosineRow, so its
 * value is identical to the bit.
 */
export function cosineRowInGroups(
  model: TfIdfModel,
  inv: GroupedIndex,
  row: number,
  groups: Int32Array,
  out: Float64Array,
): void {
  out.fill(0);
  const v = model.mentees;
  const { cellStart, doc, weight } = inv;
  for (let p = v.rowStart[row]!; p < v.rowStart[row + 1]!; p++) {
    const w = v.weight[p]!;
    const cell = v.term[p]! * inv.groups;
    for (let c = 0; c < groups.length; c++) {
      const g = cell + groups[c]!;
      for (let q = cellStart[g]!, qe = cellStart[g + 1]!; q < qe; q++) out[doc[q]!]! += w * weight[q]!;
    }
  }
}

/** The terms contributing most to a pair's cosine, phrases first: the "shared topics" shown to users. */
export function sharedTerms(model: TfIdfModel, mentee: number, mentor: number, limit = 5): string[] {
  const a = model.mentees;
  const b = model.mentors;
  const contrib: { term: string; w: number }[] = [];
  let p = a.rowStart[mentee]!;
  let q = b.rowStart[mentor]!;
  const pe = a.rowStart[mentee + 1]!;
  const qe = b.rowStart[mentor + 1]!;
  while (p < pe && q < qe) {
    const ta = a.term[p]!;
    const tb = b.term[q]!;
    if (ta === tb) {
      contrib.push({ term: model.vocabulary[ta] ?? '', w: a.weight[p]! * b.weight[q]! });
      p++;
      q++;
    } else if (ta < tb) p++;
    else q++;
  }
  contrib.sort((x, y) => y.w - x.w || (x.term < y.term ? -1 : 1));
  const phrases = contrib.filter((c) => c.term.includes(' '));
  const covered = new Set(phrases.flatMap((c) => c.term.split(' ')));
  return [...phrases, ...contrib.filter((c) => !c.term.includes(' ') && !covered.has(c.term))]
    .slice(0, limit)
    .map((c) => c.term);
}

/** Cosine of one (mentee, mentor) pair by merging their sorted sparse vectors. */
export function cosinePair(model: TfIdfModel, mentee: number, mentor: number): number {
  const a = model.mentees;
  const b = model.mentors;
  let p = a.rowStart[mentee]!;
  let q = b.rowStart[mentor]!;
  const pe = a.rowStart[mentee + 1]!;
  const qe = b.rowStart[mentor + 1]!;
  let dot = 0;
  while (p < pe && q < qe) {
    const ta = a.term[p]!;
    const tb = b.term[q]!;
    if (ta === tb) dot += a.weight[p++]! * b.weight[q++]!;
    else if (ta < tb) p++;
    else q++;
  }
  return dot;
}
