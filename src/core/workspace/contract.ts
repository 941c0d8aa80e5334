import { z } from 'zod';
import { defineContract } from '../api/slice';

export const WorkspaceInfo = z.object({ path: z.string(), schemaVersion: z.number().int(), changeCount: z.number().int() });

export const workspaceContract = defineContract({
  'workspace.info': { input: z.object({}), output: WorkspaceInfo },
});
