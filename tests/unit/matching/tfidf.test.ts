import { describe, expect, it } from 'vitest';
import {
  buildTfIdf,
  buildTfIdfFromText,
  cosinePair,
  cosineRow,
  cosineRowInGroups,
  documentTokens,
  invertVectors,
  invertVectorsByGroup,
  sharedTerms,
  tokenizeTag,
  tokenizeText,
} from '../../../src/core/matching/tfidf';
import { matchCohort } from '../../../src/core/matching/match-cohort';
import { contentOnly, mentee, mentor, randomCohort } from './fixtures';

describe('tokenisation', () => {
  it('case-folds, drops punctuation and stop words, strips plurals', () => {
    expect(tokenizeText('I want to learn about APIs, Databases and the Libraries!')).toEqual(['api', 'database', 'library']);
  });
  it('keeps multi-word tags as a phrase token as well as words; keeps c++ apart from c', () => {
    expect(tokenizeTag('Public Speaking')).toEqual(['public', 'speaking', 'public speaking']);
    // "learning" alone is too generic to count, but the phrase keeps it.
    expect(tokenizeTag('Machine Learning')).toEqual(['machine', 'machine learning']);
    expect(tokenizeTag('C++')).toEqual(['c++']);
  });
});

describe('TF-IDF similarity', () => {
  it('ranks an obviously related mentor above an unrelated one', () => {
    const model = buildTfIdf(
      [documentTokens(['machine learning', 'python'], 'I want to move into data science and deep learning')],
      [
        documentTokens(['sales', 'negotiation'], 'Twenty years closing enterprise deals'),
        documentTokens(['deep learning', 'python'], 'I lead a machine learning team working on data science'),
        documentTokens(['python'], 'Backend developer'),
      ],
    );
    const scores = [0, 1, 2].map((j) => cosinePair(model, 0, j));
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeGreaterThan(scores[0]!);
    expect(scores[0]).toBe(0);
    expect(scores[1]).toBeLessThanOrEqual(1);
    expect(sharedTerms(model, 0, 1).slice(0, 2).sort()).toEqual(['deep learning', 'machine learning']);
  });

  it('drives the matching: the related mentor gets the mentee and the topics are reported', () => {
    const res = matchCohort(
      [
        mentee('e1', { interests: ['Public Speaking'], goals: 'Give talks at conferences' }),
        mentor('m-a', { expertise: ['Accounting'], bio: 'Tax law and audits' }),
        mentor('m-b', { expertise: ['public speaking', 'storytelling'], bio: 'I coach conference speakers and talks' }),
      ],
      contentOnly(),
    );
    expect(res.assignments.map((a) => a.mentorId)).toEqual(['m-b']);
    expect(res.assignments[0]!.sharedTopics).toContain('Public Speaking'); // as the mentee wrote it
    expect(res.assignments[0]!.breakdown.content.value).toBeGreaterThan(0.3);
  });
});

describe('fast paths give the same model and cosines', () => {
  const members = randomCohort(5, 60, 30);
  const goals = 'Café résumé: APIs, libraries and machine learning in C#';
  members[0] = { ...members[0]!, interests: ['Machine Learning', 'C++', 'the'], goals };
  const mentees = members.filter((m) => m.role === 'mentee');
  const mentors = members.filter((m) => m.role === 'mentor');
  const model = buildTfIdf(
    mentees.map((m) => documentTokens(m.interests, m.goals)),
    mentors.map((m) => documentTokens(m.expertise, m.bio)),
  );

  it('buildTfIdfFromText equals buildTfIdf over documentTokens', () => {
    const fromText = buildTfIdfFromText(
      mentees.map((m) => ({ tags: m.interests, text: m.goals })),
      mentors.map((m) => ({ tags: m.expertise, text: m.bio })),
    );
    expect(fromText).toEqual(model);
  });

  it('cosineRowInGroups equals cosineRow on the mentors of the chosen groups, bit for bit', () => {
    const groupOf = Int32Array.from(mentors, (_, j) => (j % 5 === 0 ? -1 : j % 3));
    const grouped = invertVectorsByGroup(model.mentors, model.vocabulary.length, groupOf, 3);
    const full = invertVectors(model.mentors, model.vocabulary.length);
    const want = new Float64Array(mentors.length);
    const got = new Float64Array(mentors.length);
    for (let i = 0; i < mentees.length; i++) {
      cosineRow(model, full, i, want);
      cosineRowInGroups(model, grouped, i, Int32Array.of(0, 2), got);
      for (let j = 0; j < mentors.length; j++) {
        const inGroups = groupOf[j] === 0 || groupOf[j] === 2;
        expect(got[j]).toBe(inGroups ? want[j] : 0);
      }
    }
  });
});
