import { describe, expect, it } from 'vitest';
import { importRatings } from '../../../src/core/feedback/ratings-import';
import { mentorAverageRatings, pairFeedbackRows, pairRatingsSummary } from '../../../src/core/feedback/pair-ratings';
import { pairsOverview } from '../../../src/core/pairs/overview';
import { mentorsOverview } from '../../../src/core/mentors/overview';
import { publishedPair } from '../tracking-fixture';
import { bytes } from '../temp';

const NOW = new Date('2027-03-20T12:00:00Z');

const csv = (lines: string[]) => bytes(['Timestamp,Email,How would you rate the match?,How would you rate your sessions?,Would you recommend your partner?,Comments', ...lines].join('\n'));

describe('pair ratings', () => {
  it('a rating below the threshold puts the pair at risk with the rule in words; a later good rating from the same side lifts it', async () => {
    const { store, cohort, pair } = await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Asia/Shanghai' });
    const asOf = new Date(Date.parse(pair.startedAt) + 86_400_000);
    expect(pairsOverview(store, cohort.id, asOf).pairs[0]).toMatchObject({ health: 'on-track', latestRating: null });
    const first = await importRatings(store, { fileName: 'r.csv', bytes: csv(['2027-03-01 10:00:00,ben@example.org,2,3,no,We rarely meet', '2027-03-01 11:00:00,ana@example.org,5,5,yes,']), cohortId: cohort.id, skipInvalid: false }, NOW);
    expect(first.imported).toBe(2);
    const row = pairsOverview(store, cohort.id, asOf).pairs[0]!;
    expect(row.health).toBe('at-risk');
    expect(row.latestRating).toEqual({ rating: 2, side: 'mentee', ratedAt: '2027-03-01T10:00:00Z' });
    expect(row.rule).toBe('mentee rated the match 2/5 on 2027-03-01, below 3');
    await importRatings(store, { fileName: 'r.csv', bytes: csv(['2027-03-15 10:00:00,ben@example.org,4,4,yes,Better now']), cohortId: cohort.id, skipInvalid: false }, NOW);
    expect(pairsOverview(store, cohort.id, asOf).pairs[0]).toMatchObject({ health: 'on-track', latestRating: { rating: 4 } });
    const summary = pairRatingsSummary(store, cohort.id);
    expect(summary).toMatchObject({ threshold: 3, ratings: 3, low: [] });
    expect(mentorAverageRatings(store, cohort.id)).toEqual([expect.objectContaining({ mentorName: 'Ana Ruiz', ratings: 2, averageMatch: 3, recommendShare: 50 })]);
    expect(mentorsOverview(store, cohort.id, asOf).mentors[0]).toMatchObject({ name: 'Ana Ruiz', averageRating: 3, latestRating: 4 });
  });

  it('re-importing the same file updates rather than adds; a row that matches no active pair is named and nothing is written', async () => {
    const { store, cohort } = await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Europe/Madrid' });
    const file = csv(['2027-03-01 10:00:00,ben@example.org,2,3,no,']);
    await importRatings(store, { fileName: 'r.csv', bytes: file, cohortId: cohort.id, skipInvalid: false }, NOW);
    expect(await importRatings(store, { fileName: 'r.csv', bytes: file, cohortId: cohort.id, skipInvalid: false }, NOW)).toMatchObject({ imported: 0, replaced: 1 });
    await expect(
      importRatings(store, { fileName: 'r.csv', bytes: csv(['2027-03-02 10:00:00,ben@example.org,5,,,', '2027-03-02 10:00:00,zoe@example.org,4,,,']), cohortId: cohort.id, skipInvalid: false }, NOW),
    ).rejects.toMatchObject({ problems: [{ line: 3, column: 'Email', value: 'zoe@example.org', message: 'is not in an active pair of Spring' }] });
    expect(pairRatingsSummary(store, cohort.id).ratings).toBe(1);
  });

  it('a file without timestamps imported again on another day does not count its ratings twice', async () => {
    const { store, cohort } = await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Europe/Madrid' });
    const file = bytes(['Email,How would you rate the match?,How would you rate your sessions?,Would you recommend your partner?,Comments', 'ben@example.org,2,3,no,Rarely meet', 'ana@example.org,4,4,yes,'].join('\n'));
    expect(await importRatings(store, { fileName: 'r.csv', bytes: file, cohortId: cohort.id, skipInvalid: false }, NOW)).toMatchObject({ imported: 2, replaced: 0 });
    const nextDay = new Date(NOW.getTime() + 86_400_000);
    expect(await importRatings(store, { fileName: 'r.csv', bytes: file, cohortId: cohort.id, skipInvalid: false }, nextDay)).toMatchObject({ imported: 0, replaced: 2 });
    expect(pairRatingsSummary(store, cohort.id)).toMatchObject({ ratings: 2, averageMatch: 3 });
    // A different answer from the same person, still without a time, is a new rating.
    const changed = bytes(['Email,How would you rate the match?', 'ben@example.org,4'].join('\n'));
    expect(await importRatings(store, { fileName: 'r2.csv', bytes: changed, cohortId: cohort.id, skipInvalid: false }, nextDay)).toMatchObject({ imported: 1, replaced: 0 });
  });

  it('rows for training: each rating with its run and the match criteria', async () => {
    const { store, cohort } = await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Europe/Madrid' });
    await importRatings(store, { fileName: 'r.csv', bytes: csv(['2027-03-01 10:00:00,ben@example.org,4,5,yes,']), cohortId: cohort.id, skipInvalid: false }, NOW);
    const [row] = pairFeedbackRows(store, { cohortId: cohort.id });
    expect(row).toMatchObject({ side: 'mentee', matchRating: 4, sessionRating: 5, wouldRecommend: true });
    expect(row!.runId).toEqual(expect.any(String));
    expect(Object.keys(row!.criteria).length).toBeGreaterThan(0);
    expect(pairFeedbackRows(store, { runId: row!.runId! })).toHaveLength(1);
    expect(pairFeedbackRows(store, { runId: 'another-run' })).toHaveLength(0);
  });
});
