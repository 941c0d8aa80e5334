import type { ColumnMapping, ImportField } from '../../../core/import/fields';

/**
 * What matching cannot do when the file has no column for a field: said on the mapping step, before the
 * import, so that a rule never silently does nothing (the run's own warnings say it again, person by person).
 */
export function missingFeatures(mapping: ColumnMapping): string[] {
  const has = new Set(mapping.map((m) => m.field).filter((f): f is ImportField => f !== null));
  const lines: string[] = [];
  if (!has.has('timezone')) lines.push('No time zone column: the time-zone rule and availability overlap cannot work.');
  if (!has.has('availability')) lines.push('No availability column: the availability overlap scores 0, and a time-zone rule that needs hours in common leaves everyone unmatched.');
  if (!has.has('interests')) {
    lines.push(has.has('goals') ? "No interests column: mentees' topics come from their goals alone." : 'No interests column: topic scores will be 0.');
  }
  if (!has.has('expertise')) {
    lines.push(has.has('bio') ? "No expertise column: mentors' topics come from their bio alone." : 'No expertise column: topic scores will be 0.');
  }
  if (!has.has('languages')) lines.push('No languages column: the shared-language rule and score cannot work.');
  if (!has.has('seniorityYears')) lines.push('No years-of-experience column: the seniority-gap score will be 0.');
  if (!has.has('department')) lines.push('No department column: the department score will be 0.');
  if (!has.has('team')) lines.push('No team column: “never pair people in the same team” cannot check anyone.');
  if (!has.has('managerEmail')) lines.push('No manager email column: “never pair a person and their manager” cannot check anyone.');
  if (!has.has('capacity')) lines.push('No max-mentees column: every mentor takes 1 mentee.');
  return lines;
}

/**
 * A newly loaded file's detected mapping with the coordinator's choices for the previous file kept, for
 * every column the two share by name (a corrected export has the same headers); each field still feeds
 * one column at most. `kept` counts the columns that kept a choice.
 */
export function withPreviousChoices(detected: ColumnMapping, previous: ColumnMapping): { mapping: ColumnMapping; kept: number } {
  const chosen = new Map(previous.map((m) => [m.column, m.field]));
  const taken = new Set<ImportField>();
  let kept = 0;
  const mapping: ColumnMapping = detected.map((entry) => {
    if (!chosen.has(entry.column)) return { ...entry };
    kept += 1;
    const field = chosen.get(entry.column)!;
    if (field) taken.add(field);
    return { column: entry.column, field };
  });
  const result = mapping.map((entry, i) =>
    chosen.has(detected[i]!.column) || entry.field === null || !taken.has(entry.field) ? entry : { ...entry, field: null },
  );
  return { mapping: result, kept };
}
