import { Notification, type BrowserWindow } from 'electron';
import type { CallResult } from '../core/api/contract';

type Call = (method: string, input: unknown) => Promise<CallResult>;
interface Due {
  kind: string;
  pairId: string;
  sessionId: string | null;
  goalId: string | null;
  menteeName: string;
  mentorName: string;
  text: string;
}

const EVERY = 30 * 60_000;
const TITLES: Record<string, string> = {
  'session-soon': 'Session soon',
  'no-first-session': 'No first session yet',
  'past-cadence': 'Pair past its cadence',
  'stuck-goal': 'Goal stuck',
};

/**
 * Desktop notifications for what is due (the core's due.list), checked shortly after start and every
 * 30 minutes: each item once per run of the app; more than three new ones become one summary. Clicking
 * brings the window forward. Thin on purpose: what is due is decided in the core.
 */
export function startDueNotifications(call: Call, window: () => BrowserWindow | undefined): () => void {
  const shown = new Set<string>();
  const check = async () => {
    if (!Notification.isSupported()) return;
    const result = await call('due.list', {});
    if (!result.ok) return;
    const items = (result.value as { items: Due[] }).items;
    const fresh = items.filter((i) => !shown.has(`${i.kind}:${i.pairId}:${i.sessionId ?? ''}:${i.goalId ?? ''}`));
    for (const i of fresh) shown.add(`${i.kind}:${i.pairId}:${i.sessionId ?? ''}:${i.goalId ?? ''}`);
    const notes = fresh.length > 3
      ? [{ title: `${fresh.length} things need your attention`, body: 'Open Pairwise’s Due page for sessions soon, pairs past their cadence and stuck goals.' }]
      : fresh.map((i) => ({ title: TITLES[i.kind] ?? 'Due', body: `${i.menteeName} & ${i.mentorName}: ${i.text}` }));
    for (const note of notes) {
      const n = new Notification(note);
      n.on('click', () => {
        const w = window();
        if (w) {
          if (w.isMinimized()) w.restore();
          w.focus();
        }
      });
      n.show();
    }
  };
  const run = () => void check().catch((error: unknown) => console.warn('[pairwise] due notifications:', (error as Error).message));
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, EVERY);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
