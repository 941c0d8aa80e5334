import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from './api/hooks';
import type { MethodOutput } from './api/client';

export type Program = MethodOutput<'programs.list'>[number];
export type Cohort = MethodOutput<'cohorts.list'>[number];

interface Workspace {
  programs: Program[];
  cohorts: Cohort[];
  loading: boolean;
  error: Error | undefined;
  cohortId: string | null;
  cohort: Cohort | undefined;
  selectCohort: (id: string | null) => void;
  reload: () => Promise<void>;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const SELECTED_KEY = 'pairwise.cohort';

/** Programs, cohorts and the cohort the coordinator is working on, shared by every page. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const programs = useQuery('programs.list', {});
  const cohorts = useQuery('cohorts.list', {});
  const [cohortId, setCohortId] = useState<string | null>(() => localStorage.getItem(SELECTED_KEY));

  const selectCohort = useCallback((id: string | null) => {
    setCohortId(id);
    if (id) localStorage.setItem(SELECTED_KEY, id);
    else localStorage.removeItem(SELECTED_KEY);
  }, []);

  // Fall back to the first active cohort when the remembered one is gone (another workspace file, archived…).
  useEffect(() => {
    if (!cohorts.data) return;
    if (cohortId && cohorts.data.some((c) => c.id === cohortId)) return;
    selectCohort(cohorts.data.find((c) => !c.archived)?.id ?? null);
  }, [cohorts.data, cohortId, selectCohort]);

  const reload = useCallback(async () => {
    await Promise.all([programs.reload(), cohorts.reload()]);
  }, [programs.reload, cohorts.reload]);

  const value = useMemo<Workspace>(
    () => ({
      programs: programs.data ?? [],
      cohorts: cohorts.data ?? [],
      loading: programs.loading || cohorts.loading,
      error: programs.error ?? cohorts.error,
      cohortId,
      cohort: cohorts.data?.find((c) => c.id === cohortId),
      selectCohort,
      reload,
    }),
    [programs, cohorts, cohortId, selectCohort, reload],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}
