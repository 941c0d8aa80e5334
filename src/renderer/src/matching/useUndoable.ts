import { useCallback, useEffect, useState } from 'react';

/** State with undo/redo, saved per key in localStorage so that nothing is lost on reload. */
export function useUndoable<T>(key: string, initial: T) {
  const load = useCallback((): T => {
    try {
      const saved = localStorage.getItem(key);
      return saved ? (JSON.parse(saved) as T) : initial;
    } catch {
      return initial;
    }
  }, [key, initial]);
  const [history, setHistory] = useState<{ past: T[]; present: T; future: T[] }>(() => ({ past: [], present: load(), future: [] }));

  useEffect(() => {
    setHistory({ past: [], present: load(), future: [] });
  }, [load]);
  useEffect(() => {
    localStorage.setItem(key, JSON.stringify(history.present));
  }, [key, history.present]);

  const set = useCallback((update: (current: T) => T) => {
    setHistory((h) => ({ past: [...h.past.slice(-49), h.present], present: update(h.present), future: [] }));
  }, []);
  const undo = useCallback(() => {
    setHistory((h) => (h.past.length === 0 ? h : { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future] }));
  }, []);
  const redo = useCallback(() => {
    setHistory((h) => (h.future.length === 0 ? h : { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) }));
  }, []);
  return { value: history.present, set, undo, redo, canUndo: history.past.length > 0, canRedo: history.future.length > 0 };
}
