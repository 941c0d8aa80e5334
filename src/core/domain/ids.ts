import { z } from 'zod';

/** A row id as it crosses a transport: UUIDs in practice, bounded so no input can be huge. */
export const Id = z.string().min(1).max(100);
