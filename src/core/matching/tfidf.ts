/**
 * TF-IDF text similarity for the "content" criterion. Vectors are sparse, L2-normalised and
 * stored in typed arrays so that scoring millions of pairs needs no per-pair allocation.
 */

/** Function words: never content, and they break phrases. */
const FUNCTION_WORDS = new Set(
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
const isStop = (w: string) => FUNCTION_WORDS.has(w) || GENERIC_WORDS.has(w);

/** Very small English plural stripping: enough that "APIs"/"api" and "libraries"/"library" meet. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|sis)$/.test(word)) {
    return word.slice(0, -1);
  }
  return word;
}

function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // Keep + and # so "c++" and "c#" stay distinct from "c".
  return folded.match(/[a-z0-9][a-z0-9+#]*/g) ?? [];
}

/** Content words of free text, stop words removed, plurals stripped. */
export function tokenizeText(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
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
  const ws = words(text);
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

export function documentTokens(tags: readonly string[], text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const tag of tags) for (const t of tokenizeTag(tag)) tf.set(t, (tf.get(t) ?? 0) + TAG_WEIGHT);
  for (const t of tokenizeText(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  // Text bigrams are dropped later unless another document has the same phrase (see buildTfIdf).
  for (const t of textPhrases(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
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

/**
 * Builds one vocabulary and IDF over both sides (the cohort is the corpus), then vectors with
 * sublinear TF (1 + ln tf) × smoothed IDF, normalised to unit length so the dot product is the cosine.
 */
export function buildTfIdf(
  menteeDocs: readonly Map<string, number>[],
  mentorDocs: readonly Map<string, number>[],
): TfIdfModel {
  const index = new Map<string, number>();
  const df: number[] = [];
  for (const doc of [...menteeDocs, ...mentorDocs]) {
    for (const t of doc.keys()) {
      let k = index.get(t);
      if (k === undefined) {
        k = df.length;
        index.set(t, k);
        df.push(0);
      }
      df[k] = (df[k] ?? 0) + 1;
    }
  }
  const nDocs = menteeDocs.length + mentorDocs.length;
  const idf = df.map((d) => Math.log((1 + nDocs) / (1 + d)) + 1);
  const vectorize = (docs: readonly Map<string, number>[]): SparseVectors => {
    let nnz = 0;
    for (const d of docs) nnz += d.size; // upper bound; rows may drop lone phrases
    const rowStart = new Int32Array(docs.length + 1);
    const term = new Int32Array(nnz);
    const weight = new Float64Array(nnz);
    let p = 0;
    docs.forEach((doc, r) => {
      const start = p;
      // Sorted term ids make the vectors (and all float sums over them) independent of input order.
      const entries = [...doc.entries()]
        .map(([t, tf]) => [index.get(t) ?? 0, tf, t] as const)
        // A phrase seen in a single document cannot link two people; it would only dilute the vector.
        .filter(([k, , t]) => !t.includes(' ') || (df[k] ?? 0) > 1)
        .sort((a, b) => a[0] - b[0]);
      let norm = 0;
      for (const [k, tf] of entries) {
        const w = (1 + Math.log(tf)) * (idf[k] ?? 0);
        term[p] = k;
        weight[p] = w;
        norm += w * w;
        p++;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let q = start; q < p; q++) weight[q] = (weight[q] ?? 0) / norm;
      rowStart[r + 1] = p;
    });
    return { rowStart, term: term.slice(0, p), weight: weight.slice(0, p) };
  };
  const vocabulary: string[] = new Array<string>(df.length);
  for (const [t, k] of index) vocabulary[k] = t;
  return { vocabulary, mentees: vectorize(menteeDocs), mentors: vectorize(mentorDocs) };
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

/** Writes the cosine of mentee `row` with every mentor into `out` (length = mentor count). */
export function cosineRow(model: TfIdfModel, inv: InvertedIndex, row: number, out: Float64Array): void {
  out.fill(0);
  const v = model.mentees;
  for (let p = v.rowStart[row]!; p < v.rowStart[row + 1]!; p++) {
    const k = v.term[p]!;
    const w = v.weight[p]!;
    for (let q = inv.termStart[k]!; q < inv.termStart[k + 1]!; q++) out[inv.doc[q]!]! += w * inv.weight[q]!;
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
