import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { MethodOutput } from '../api/client';
import type { MatchingEdit, Settings } from './types';
import type { EditTarget } from '../../../core/edits/contract';

type EditsState = MethodOutput<'edits.get'>;

/** How long the settings wait after the last slider move before they are written to the workspace. */
const SAVE_DELAY_MS = 300;

/**
 * A cohort's matching settings and edits, as the workspace file keeps them (so they survive restarts,
 * other machines and the CLI). Settings are shown at once and saved shortly after the last change;
 * `flush` saves now (before a run starts). Edits are written one by one; undo and redo are the core's.
 */
export function useCohortSetup(cohortId: string | null, onError: (error: Error) => void) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [edits, setEdits] = useState<EditsState | null>(null);
  const pending = useRef<{ cohortId: string; settings: Settings } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next) await api.call('settings.save', next);
  }, []);

  useEffect(() => {
    setSettings(null);
    setEdits(null);
    if (!cohortId) return;
    let current = true;
    Promise.all([api.call('settings.get', { cohortId }), api.call('edits.get', { cohortId })]).then(
      ([s, e]) => {
        if (!current) return;
        setSettings(s);
        setEdits(e);
      },
      (error: unknown) => onError(error as Error),
    );
    return () => {
      current = false;
      void flush().catch((error: unknown) => onError(error as Error));
    };
  }, [cohortId, flush, onError]);

  const changeSettings = useCallback(
    (update: (s: Settings) => Settings) => {
      setSettings((current) => {
        if (!current || !cohortId) return current;
        const next = update(current);
        pending.current = { cohortId, settings: next };
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush().catch((error: unknown) => onError(error as Error)), SAVE_DELAY_MS);
        return next;
      });
    },
    [cohortId, flush, onError],
  );

  const resetSettings = useCallback(async (to: Partial<Settings> = {}) => {
    if (!cohortId) return;
    clearTimeout(timer.current);
    pending.current = null;
    setSettings(await api.call('settings.save', { cohortId, settings: to }));
  }, [cohortId]);

  const addEdit = useCallback(async (edit: MatchingEdit) => {
    if (cohortId) setEdits(await api.call('edits.add', { cohortId, edit }));
  }, [cohortId]);
  const removeEdit = useCallback(async (target: EditTarget) => {
    if (cohortId) setEdits(await api.call('edits.remove', { cohortId, target }));
  }, [cohortId]);
  const undo = useCallback(async () => {
    if (cohortId) setEdits(await api.call('edits.undo', { cohortId }));
  }, [cohortId]);
  const redo = useCallback(async () => {
    if (cohortId) setEdits(await api.call('edits.redo', { cohortId }));
  }, [cohortId]);

  return { settings, changeSettings, resetSettings, flush, edits, addEdit, removeEdit, undo, redo };
}
