import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/core/import/fields';
import { missingFeatures, withPreviousChoices } from '../../src/renderer/src/import/mapping';

describe('the wizard’s mapping step', () => {
  it('says which matching features a missing field turns off', () => {
    const only: ColumnMapping = [{ column: 'Name', field: 'fullName' }, { column: 'Email', field: 'email' }, { column: 'Role', field: 'role' }];
    const lines = missingFeatures(only);
    expect(lines).toContain('No time zone column: the time-zone rule and availability overlap cannot work.');
    expect(lines).toContain('No interests column: topic scores will be 0.');
    expect(lines).toContain('No max-mentees column: every mentor takes 1 mentee.');
    expect(lines).toHaveLength(10);
    const withGoals = missingFeatures([...only, { column: 'Goals', field: 'goals' }, { column: 'TZ', field: 'timezone' }]);
    expect(withGoals).toContain("No interests column: mentees' topics come from their goals alone.");
    expect(withGoals.some((l) => l.startsWith('No time zone column'))).toBe(false);
  });

  it('keeps the choices made for the previous file for the columns a corrected file shares', () => {
    const previous: ColumnMapping = [
      { column: 'Name', field: 'fullName' }, { column: 'Mail', field: 'email' }, { column: 'Kind', field: 'role' }, { column: 'Team', field: null },
    ];
    // Detection alone would map Team and miss Mail and Kind.
    const detected: ColumnMapping = [{ column: 'Name', field: 'fullName' }, { column: 'Mail', field: null }, { column: 'Kind', field: null }, { column: 'Team', field: 'team' }];
    expect(withPreviousChoices(detected, previous)).toEqual({ mapping: previous, kept: 4 });

    // A file with one more column (the "Problem" column of rows to fix): its detection stays unless a kept choice has the field.
    const more: ColumnMapping = [...detected, { column: 'Problem', field: null }, { column: 'Your role', field: 'role' }];
    expect(withPreviousChoices(more, previous)).toEqual({ mapping: [...previous, { column: 'Problem', field: null }, { column: 'Your role', field: null }], kept: 4 });
  });
});
