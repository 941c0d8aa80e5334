import { describe, expect, it } from 'vitest';
import { importResponses } from '../../../src/core/feedback/responses';
import { openSpace } from '../../../src/core/sync/engine';
import { openMessage } from '../../../src/core/sync/messages';
import { tempStore } from '../temp';
import { answersCsv, anonymousSurvey, everyoneAnswers } from '../feedback/fixture';
import { usePg } from './pg-server';
import { snapshot, syncUntilQuiet } from './replicas';

const server = usePg();

/**
 * The feedback work's promise (docs/privacy.md) must survive sync: an anonymous response reaches the
 * other coordinators' machines with nothing that links it to a person — no person id, no order, no
 * per-response time — and the server learns nothing at all.
 */
describe('anonymous survey responses through sync', () => {
  it('arrive with no person, one stamp for the batch, and no respondent identity in any message', async () => {
    const url = await server.database();
    const credentials = { url, passphrase: 'feedback passphrase' };
    const { store: a, survey, members } = await anonymousSurvey();
    await importResponses(a, { fileName: 'answers.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, new Date('2027-03-20T12:00:00Z'));
    const b = await tempStore('b.sqlite');
    await syncUntilQuiet([a, b], credentials);
    expect(snapshot(b)).toEqual(snapshot(a));

    const responses = b.sqlite.prepare('SELECT * FROM survey_responses').all() as Record<string, unknown>[];
    expect(responses).toHaveLength(16);
    expect(responses.every((r) => r.person_id === null)).toBe(true);
    // Recorded on B as A's changes, with the single stamp A gave the whole batch: no order, no per-response time.
    const stamps = b.sqlite.prepare("SELECT DISTINCT hlc, client_id FROM changes WHERE tbl = 'survey_responses'").all() as { hlc: string; client_id: string }[];
    expect(stamps).toEqual([{ hlc: expect.any(String), client_id: a.clock.clientId }]);

    // Every message on the server, opened with the key: a response's changes name no person, member or email.
    const open = await openSpace(credentials);
    try {
      const identities = [
        ...members.flatMap((m) => [m.id, m.email]),
        ...(a.sqlite.prepare('SELECT id FROM people').all() as { id: string }[]).map((p) => p.id),
      ];
      const messages = await open.server.pull(open.space, 0, 1000);
      const responseChanges = messages.flatMap((m) => openMessage(open.key, open.space, m.id, m.body)).filter((c) => c.tbl === 'survey_responses');
      expect(responseChanges.length).toBeGreaterThan(16);
      for (const change of responseChanges) for (const identity of identities) expect(change.value).not.toContain(identity);
      // What the server itself sees per message: ids, the pushing replica, a count, the newest stamp; nothing per response.
      expect(Object.keys(messages[0]!).sort()).toEqual(['body', 'clientId', 'id', 'seq']);
    } finally {
      await open.server.close();
    }
  }, 90_000);
});
