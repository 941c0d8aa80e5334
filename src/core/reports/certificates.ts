import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { heldRecords, loadCohortData } from './cohort-data';
import { cohortBadges } from './earned';
import { COLOR, newPdf, PAGE, pdfBytes } from './pdf-doc';
import { dayText } from './period';
import { byName } from './order';

export interface CertificateFor {
  name: string;
  role: 'mentor' | 'mentee';
  /** Completion when their pair was closed as completed; participation otherwise. */
  kind: 'completion' | 'participation';
  sessions: number;
}

/** Who gets a certificate: everyone matched in the cohort (or the one member asked for), with what they did. */
export function certificateList(store: Store, cohortId: string, now: Date, memberId?: string): { cohort: string; program: string; people: CertificateFor[] } {
  const data = loadCohortData(store, cohortId, now);
  const held = heldRecords(store, data, now);
  const badges = cohortBadges(store, data, now, held);
  const completed = new Set(badges.filter((b) => b.kind === 'cohort-completed').map((b) => b.memberId));
  const matched = new Set(data.pairs.flatMap((p) => [p.menteeId, p.mentorId]));
  const people = data.members
    .filter((m) => (memberId === undefined ? matched.has(m.id) : m.id === memberId))
    .map((m) => ({
      name: m.name,
      role: m.role,
      kind: completed.has(m.id) ? ('completion' as const) : ('participation' as const),
      sessions: held.get(m.id)?.count ?? 0,
    }))
    .sort((a, b) => byName(a.name, b.name));
  if (memberId !== undefined && people.length === 0) throw new NotFoundError(`No member with id ${memberId} in this cohort`);
  return { cohort: data.cohort.name, program: data.cohort.programName, people };
}

/** One landscape page per person: a framed certificate with their name, role, cohort and sessions held. */
export async function certificatesPdf(
  list: ReturnType<typeof certificateList>,
  options: { organisation: string; signatory: string; date: Date; fontsDir: string },
): Promise<Uint8Array> {
  if (list.people.length === 0) throw new UserError('No one in this cohort has been matched yet: certificates are for matched mentors and mentees');
  const doc = await newPdf(options.fontsDir, { title: `Certificates · ${list.program} · ${list.cohort}`, author: options.organisation || 'Pairwise' }, false);
  const W = PAGE.height;
  const H = PAGE.width;
  list.people.forEach((p) => {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
    doc.rect(24, 24, W - 48, H - 48).lineWidth(3).strokeColor(COLOR.primary).stroke();
    doc.rect(32, 32, W - 64, H - 64).lineWidth(0.8).strokeColor(COLOR.primarySoft).stroke();
    const center = (text: string, y: number, font: 'regular' | 'bold', size: number, color: string) =>
      doc.font(font).fontSize(size).fillColor(color).text(text, 60, y, { width: W - 120, align: 'center' });
    center((options.organisation || list.program).toUpperCase(), 80, 'bold', 12, COLOR.muted);
    center(p.kind === 'completion' ? 'Certificate of completion' : 'Certificate of participation', 120, 'bold', 32, COLOR.primary);
    center('This certifies that', 190, 'regular', 13, COLOR.muted);
    center(p.name, 220, 'bold', 30, COLOR.ink);
    const did = p.kind === 'completion' ? 'completed' : 'took part in';
    center(`${did} ${list.program} · ${list.cohort} as a ${p.role}`, 280, 'regular', 14, COLOR.ink);
    center(`${p.sessions} mentoring session${p.sessions === 1 ? '' : 's'} held`, 306, 'regular', 12, COLOR.muted);
    doc.moveTo(W / 2 - 120, H - 130).lineTo(W / 2 + 120, H - 130).lineWidth(0.8).strokeColor(COLOR.faint).stroke();
    center(options.signatory || 'Program coordinator', H - 122, 'regular', 11, COLOR.ink);
    center(dayText(options.date.toISOString()), H - 104, 'regular', 10, COLOR.muted);
  });
  return pdfBytes(doc);
}
