import type { ZodType } from 'zod';

/** A cell read by a field: its value, or the reason it cannot be one (the "reason" part of a row problem). */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * One question of a form's answers file: what it is called, how a header is recognised, and how an
 * answer is read. A blank cell is never given to `parse`: it is a problem for a required field and
 * null otherwise.
 */
export interface FormField<T = unknown> {
  key: string;
  /** How the wizard and the problems name it ("Respondent email"). */
  label: string;
  /**
   * Header keywords: a header matches when it is one of these phrases, or contains one as whole words
   * (compared lower case, accents and punctuation dropped). Longer, more specific phrases should come first.
   */
  keywords: readonly string[];
  /** Header words that rule a column out even when a keyword matches ("mentor's email" is not the respondent's). */
  unless?: readonly string[];
  required: boolean;
  /** The longest answer read, in characters; longer is a row problem and the cell is not parsed. */
  maxLength: number;
  parse: (cell: string) => CellResult<T>;
}

/** A form's fields by key, in the order the wizard lists them. */
export type FormFields = Readonly<Record<string, FormField>>;

/** A valid row's values: each field's parsed value, null when a field is not required and left blank or unmapped. */
export type FormValues<F extends FormFields> = {
  [K in keyof F]: F[K] extends FormField<infer T> ? (F[K]['required'] extends true ? T : T | null) : never;
};

export const cellOk = <T>(value: T): CellResult<T> => ({ ok: true, value });
export const cellFail = <T = never>(reason: string): CellResult<T> => ({ ok: false, reason });

/** A field whose cells a zod schema reads: the schema's first issue is the reason. */
export function zodCell<T>(schema: ZodType<T>): (cell: string) => CellResult<T> {
  return (cell) => {
    const parsed = schema.safeParse(cell);
    return parsed.success ? cellOk(parsed.data) : cellFail(parsed.error.issues[0]?.message ?? 'not a valid answer');
  };
}

/** Free text: trimmed, inner white space kept as written. */
export const textCell = (cell: string): CellResult<string> => cellOk(cell.trim());

/** Declares a form's fields with their value types kept (`const` so `required: true` stays literal). */
export function defineFormFields<const F extends FormFields>(fields: F): F {
  for (const [key, field] of Object.entries(fields)) {
    if (field.key !== key) throw new Error(`Form field ${key} has key ${field.key}`);
  }
  return fields;
}
