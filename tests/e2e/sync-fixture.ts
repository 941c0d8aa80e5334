import { openStore } from '../../src/core/db/open';
import type { Store } from '../../src/core/db/store';
import { publishRun } from '../../src/core/pairs/publish';
import { runMatchNow, saveRun } from '../../src/core/runs/runs';

/**
 * What two coordinators do offline, written straight into the two workspace files (the web bridges
 * keep them open; SQLite's WAL lets a second connection write): each publishes a plan that gives the
 * same mentor a full load of different mentees. Returns the mentor's name.
 */
export async function fillMentorOnBoth(fileA: string, fileB: string): Promise<string> {
  const a = await openStore(fileA);
  const b = await openStore(fileB);
  try {
    const cohort = a.sqlite.prepare("SELECT id FROM cohorts WHERE deleted_at IS NULL AND name = 'Sample cohort' LIMIT 1").get() as { id: string } | undefined;
    const cohortId = cohort?.id ?? (a.sqlite.prepare('SELECT id FROM cohorts WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as { id: string }).id;
    const mentor = a.sqlite
      .prepare("SELECT m.id, m.capacity, p.full_name FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE m.cohort_id = ? AND m.role = 'mentor' AND m.deleted_at IS NULL AND m.capacity BETWEEN 1 AND 3 ORDER BY p.full_name LIMIT 1")
      .get(cohortId) as { id: string; capacity: number; full_name: string };
    const mentees = (a.sqlite.prepare("SELECT id FROM cohort_members WHERE cohort_id = ? AND role = 'mentee' AND deleted_at IS NULL ORDER BY id").all(cohortId) as { id: string }[]).map((m) => m.id);
    const template = await runMatchNow(a, { cohortId, settings: {} });
    const publish = (store: Store, name: string, menteeIds: string[], at: string) => {
      const base = template.result.assignments[0]!;
      const assignments = menteeIds.map((menteeId) => ({ ...base, menteeId, mentorId: mentor.id }));
      const run = saveRun(store, { cohortId, settings: template.settings, insights: template.insights, name, result: { ...template.result, assignments, matched: assignments.length } });
      publishRun(store, run.id, new Date(at));
    };
    publish(a, 'Plan A', mentees.slice(0, mentor.capacity), '2027-01-05T09:00:00Z');
    publish(b, 'Plan B', mentees.slice(mentor.capacity, 2 * mentor.capacity), '2027-01-06T09:00:00Z');
    return mentor.full_name;
  } finally {
    a.close();
    b.close();
  }
}
