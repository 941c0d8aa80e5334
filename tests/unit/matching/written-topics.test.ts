import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../src/core/matching/match-cohort';
import { documentTokens, words } from '../../../src/core/matching/tfidf';
import { writtenTokens, writtenTopics, writtenWords } from '../../../src/core/matching/written-topics';
import { contentOnly, mentee, mentor, randomCohort } from './fixtures';

const TEXTS = [
  'I want to learn about APIs, Databases and the Libraries!',
  'Café résumé: machine learning in C# and C++ — naïve Bayes',
  'Cafe\u0301 with decomposed accents; İstanbul; Straße; ﬁnance; ²nd',
  'Sales strategy, work-life balance & public speaking. 李小龍 教え Мария',
  '  leading spaces\r\nand line breaks\tand tabs 🙂 emoji2go ',
];

describe('shared topics as people wrote them', () => {
  it('finds the same words as the scoring tokeniser, each with the characters it was written with', () => {
    for (const text of TEXTS) expect(writtenWords(text).map((w) => w.folded)).toEqual(words(text));
    expect(writtenWords('Café résumé, Straße').map((w) => w.written)).toEqual(['Café', 'résumé', 'Stra', 'e']);
    expect(writtenWords('Cafe\u0301 İnci').map((w) => w.written)).toEqual(['Cafe\u0301', 'İnci']);
  });

  it('yields exactly the tokens scoring uses, on crafted and generated documents', () => {
    const docs = [
      ...TEXTS.map((text, k) => ({ tags: [TEXTS[(k + 1) % TEXTS.length]!, 'Work-life balance', 'C++', 'the'], text })),
      ...randomCohort(7, 40, 20).map((m) => ({ tags: m.role === 'mentee' ? m.interests : m.expertise, text: m.role === 'mentee' ? m.goals : m.bio })),
    ];
    for (const doc of docs) expect([...writtenTokens([doc]).keys()].sort()).toEqual([...documentTokens(doc.tags, doc.text).keys()].sort());
  });

  it('shows a stemmed term as the mentee’s words first, then the mentor’s, tags before free text', () => {
    const mentee = { tags: ['Sales strategy', 'Work-life balance'], text: 'I love libraries' };
    const mentor = { tags: ['sales strategies', 'work life balance', 'Libraries'], text: '' };
    expect(writtenTopics(['sale strategy', 'work life balance', 'library', 'unknown term'], [mentee, mentor])).toEqual([
      'Sales strategy',
      'Work-life balance',
      'Libraries', // the mentor's tag wins over the mentee's free text
      'unknown term',
    ]);
    expect(writtenTopics(['library'], [{ tags: [], text: 'Open-source libraries.' }, mentor])).toEqual(['Libraries']);
    expect(writtenTopics(['library'], [{ tags: [], text: 'Open-source libraries.' }, { tags: [], text: '' }])).toEqual(['libraries']);
  });

  it('a run reports shared topics as written, not stemmed ("sales strategy", never "sale strategy")', () => {
    const res = matchCohort(
      [
        mentee('e1', { interests: ['Sales strategy', 'Work-life balance'], goals: 'Better at negotiations' }),
        mentor('m1', { expertise: ['sales strategies', 'work life balance', 'negotiation'], bio: 'Twenty years of enterprise sales' }),
      ],
      contentOnly(),
    );
    const topics = res.assignments[0]!.sharedTopics;
    expect(topics).toContain('Sales strategy');
    expect(topics).toContain('Work-life balance');
    expect(topics).toContain('negotiation'); // the mentor's chosen topic, before the mentee's "negotiations" in free text
    expect(topics.join(' ')).not.toMatch(/\bsale\b|work life/);
  });
});
