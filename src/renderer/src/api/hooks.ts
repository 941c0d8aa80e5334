import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type MethodInput, type MethodName, type MethodOutput } from './client';

export interface Query<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Calls a method and keeps its latest answer; `input` is compared by value so literals are fine. */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): Query<MethodOutput<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data?: MethodOutput<M>; error?: Error; loading: boolean }>({ loading: key !== null });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api.call(method, JSON.parse(key) as MethodInput<M>);
      if (ticket === latest.current) setState({ data, loading: false });
    } catch (error) {
      if (ticket === latest.current) setState({ error: error as Error, loading: false });
    }
  }, [method, key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
