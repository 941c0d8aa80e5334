import { z } from 'zod';
import { RowProblem } from '../import/contract';

/**
 * Shapes every "answers file" import shares (check-ins, feedback): what its preview and import methods
 * take and give. Pure zod, no methods of its own: a feature builds its slice from these.
 */
export const FormMapping = z.array(z.object({ column: z.string(), field: z.string().nullable() }));

export const FormFileInput = z.object({
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64 (the same over IPC, HTTP and in tests). */
  dataBase64: z.string().max(80_000_000, 'The file is larger than 60 MB'),
  mapping: FormMapping.optional(),
  /** "Header=field, Header=field": changes to the detected mapping (the CLI's --map). */
  mappingOverrides: z.string().max(5000).optional(),
});
export type FormFileInput = z.infer<typeof FormFileInput>;

/** A field as the wizard lists it in the mapping's drop-downs. */
export const FormFieldInfo = z.object({ key: z.string(), label: z.string(), required: z.boolean() });

const FileRow = z.object({ line: z.number().int(), cells: z.array(z.string()) });

export const FormPreview = z.object({
  fields: z.array(FormFieldInfo),
  headers: z.array(z.string()),
  mapping: FormMapping,
  missingFields: z.array(z.string()),
  /** The first rows as in the file (long cells shortened), for the grid. */
  rows: z.array(FileRow),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidLines: z.array(z.number().int()),
  problems: z.array(RowProblem),
});
export type FormPreview = z.infer<typeof FormPreview>;
