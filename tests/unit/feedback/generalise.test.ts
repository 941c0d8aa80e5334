import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generaliseAttributes, type GroupAttribute } from '../../../src/core/feedback/generalise';

describe('stored grouping attributes are k-anonymous', () => {
  it('drops a department fewer than k answered from, then joins the smallest kept one to it so the mixed group reaches k', () => {
    const rows = [...Array(8).fill('Eng'), ...Array(5).fill('Sales'), ...Array(2).fill('Legal')].map((department) => ({ department }));
    const { rows: out, dropped } = generaliseAttributes(rows, ['department'], 5);
    expect(dropped.department).toEqual([
      { value: 'Legal', reason: 'small' },
      { value: 'Sales', reason: 'complement' },
    ]);
    expect(out.filter((r) => r.department === 'Eng')).toHaveLength(8);
    expect(out.filter((r) => r.department === null)).toHaveLength(7);
  });

  it('property: every stored combination of values is shared by at least k responses (or by all of them)', () => {
    const attrs: GroupAttribute[] = ['role', 'department', 'team'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: fc.constantFrom('mentor', 'mentee'), department: fc.constantFrom('A', 'B', 'C', null), team: fc.constantFrom('x', 'y', 'z') }), { maxLength: 60 }),
        fc.integer({ min: 3, max: 7 }),
        (rows, k) => {
          const { rows: out } = generaliseAttributes(rows, attrs, k);
          const sizes = new Map<string, number>();
          for (const r of out) sizes.set(JSON.stringify(attrs.map((a) => r[a])), (sizes.get(JSON.stringify(attrs.map((a) => r[a]))) ?? 0) + 1);
          for (const size of sizes.values()) expect(size >= k || size === out.length).toBe(true);
        },
      ),
    );
  });
});
