/**
 * Generalises the grouping attributes an anonymous survey keeps, before they are written, so that the
 * stored responses themselves are k-anonymous: every combination of kept values is shared by at least k
 * responses. Without it one respondent from a department of one is linked to their answers by the
 * department column alone, whatever the screens hide. Pure.
 *
 * Step 1: a value fewer than k respondents share is dropped (stored as NULL, "not kept"). Step 2: while
 * some combination of the remaining values is shared by fewer than k responses, the last attribute of
 * those responses is dropped, then the one before it, so the first attribute the coordinator chose is
 * kept longest. Responses left with every attribute dropped form one mixed group; when it holds fewer
 * than k, the smallest kept combination joins it, so it too holds at least k (or every response).
 */

export const GROUP_ATTRIBUTES = ['role', 'department', 'team'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

export type Attributes = Partial<Record<GroupAttribute, string | null>>;

export interface DroppedValue {
  value: string;
  reason: 'small' | 'complement';
}

export interface Generalised {
  rows: Attributes[];
  /**
   * Per attribute, the values no stored response keeps any more: 'small' when fewer than k had it,
   * 'complement' when it was dropped to make the mixed group large enough. Screens show them as hidden
   * rather than silently missing.
   */
  dropped: Partial<Record<GroupAttribute, DroppedValue[]>>;
}

const combination = (row: Attributes, attributes: readonly GroupAttribute[]) => JSON.stringify(attributes.map((a) => row[a] ?? null));

export function generaliseAttributes(input: readonly Attributes[], attributes: readonly GroupAttribute[], k: number): Generalised {
  const rows = input.map((row) => Object.fromEntries(attributes.map((a) => [a, row[a] ?? null])) as Attributes);
  const small = new Map<GroupAttribute, Set<string>>();
  for (const attribute of attributes) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = row[attribute];
      if (value != null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const few = [...counts].filter(([, n]) => n < k).map(([v]) => v);
    if (few.length === 0) continue;
    const set = new Set(few);
    small.set(attribute, set);
    for (const row of rows) if (row[attribute] != null && set.has(row[attribute]!)) row[attribute] = null;
  }
  const sizesOf = () => {
    const sizes = new Map<string, number>();
    for (const row of rows) sizes.set(combination(row, attributes), (sizes.get(combination(row, attributes)) ?? 0) + 1);
    return sizes;
  };
  for (let i = attributes.length - 1; i >= 0; i--) {
    const sizes = sizesOf();
    const smallRows = rows.filter((row) => sizes.get(combination(row, attributes))! < k);
    if (smallRows.length === 0) break;
    for (const row of smallRows) for (let j = i; j < attributes.length; j++) row[attributes[j]!] = null;
  }
  // The mixed group itself: when everyone answered, one response there would be the one person left over.
  const none = combination({}, attributes);
  for (;;) {
    const sizes = sizesOf();
    const mixed = sizes.get(none) ?? 0;
    if (mixed === 0 || mixed >= k) break;
    const others = [...sizes].filter(([key]) => key !== none).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    if (others.length === 0) break;
    const [smallest] = others[0]!;
    for (const row of rows) if (combination(row, attributes) === smallest) for (const a of attributes) row[a] = null;
  }
  const dropped: Generalised['dropped'] = {};
  for (const attribute of attributes) {
    const kept = new Set(rows.map((r) => r[attribute]));
    const gone = [...new Set(input.map((r) => r[attribute]).filter((v): v is string => v != null && !kept.has(v)))].sort((a, b) => a.localeCompare(b));
    if (gone.length > 0) dropped[attribute] = gone.map((value) => ({ value, reason: small.get(attribute)?.has(value) ? 'small' : 'complement' }));
  }
  return { rows, dropped };
}
