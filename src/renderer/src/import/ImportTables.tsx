import { memo } from 'react';
import { List, ListItem, MenuItem, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import type { MethodInput, MethodOutput } from '../api/client';
import { FIELD_LABELS } from '../../../core/import/fields';

type Preview = MethodOutput<'import.preview'>;
type Mapping = NonNullable<MethodInput<'import.preview'>['mapping']>;
type Field = NonNullable<Mapping[number]['field']>;
/** What the grid and the lists need of a preview: the cohort import's, and any answers file's (src/core/forms). */
type GridPreview = Pick<Preview, 'headers' | 'rows' | 'problems' | 'invalidLines'>;
type MappingOf<F extends string> = { column: string; field: F | null }[];

const count = (n: number) => n.toLocaleString('en-US');

/** A table that takes the dialog's remaining height and scrolls itself, so the dialog never scrolls past what matters. */
export const fill = { flex: '1 1 160px', minHeight: 120, overflow: 'auto' } as const;

/**
 * The first rows with their problems highlighted. Memoised: while an import runs, the progress bar updates
 * several times a second and must not re-render 200 rows of cells each time.
 */
export const PreviewRows = memo(function PreviewRows({ preview, mapping }: { preview: GridPreview; mapping: readonly { field: string | null }[] }) {
  const problemsByCell = new Map<string, string>();
  for (const p of preview.problems) problemsByCell.set(`${p.line}:${preview.headers.indexOf(p.column)}`, p.message);
  const invalid = new Set(preview.invalidLines);
  return (
    // Focusable, so that its rows can be scrolled with the keyboard.
    <TableContainer component={Paper} variant="outlined" sx={fill} tabIndex={0}>
      <Table size="small" stickyHeader aria-label="Preview">
        <TableHead>
          <TableRow>
            <TableCell>Line</TableCell>
            {preview.headers.map((h, i) => mapping[i]?.field ? (
              // Question-style headers are long: one line each, the whole question on hover.
              <TableCell key={`${i}:${h}`} title={h} sx={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>{h}</TableCell>
            ) : null)}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row) => (
            <TableRow key={row.line} sx={invalid.has(row.line) ? { bgcolor: 'rgba(211,47,47,0.06)' } : undefined} data-invalid={invalid.has(row.line) || undefined}>
              <TableCell>{row.line}</TableCell>
              {preview.headers.map((h, i) => {
                if (!mapping[i]?.field) return null;
                const problem = problemsByCell.get(`${row.line}:${i}`);
                return (
                  <TableCell key={`${i}:${h}`} title={problem} sx={problem ? { color: 'error.main', fontWeight: 600, outline: '1px solid', outlineColor: 'error.main' } : { whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {row.cells[i]}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
});

/** Problems as the coordinator reads them, line by line; the first 100 of a long list. */
export function ProblemList({ problems, label, sx }: { problems: Preview['problems']; label: string; sx?: object }) {
  return (
    <List dense aria-label={label} tabIndex={0} sx={{ overflow: 'auto', py: 0, ...sx }}>
      {problems.slice(0, 100).map((p, i) => (
        <ListItem key={`${p.line}-${p.column}-${i}`} disableGutters sx={{ py: 0 }}>line {p.line}, column "{p.column}", value "{p.value}": {p.message}</ListItem>
      ))}
      {problems.length > 100 && <ListItem disableGutters sx={{ py: 0 }}>… and {count(problems.length - 100)} more</ListItem>}
    </List>
  );
}

/**
 * Which field each column of the file feeds: one select per column, each field fed by one column at most.
 * The cohort import's fields unless `fields` names others (an answers file's, src/core/forms).
 */
export function MappingTable<F extends string = Field>({ preview, mapping, onChange, fields }: {
  preview: Pick<Preview, 'rows'>;
  mapping: MappingOf<F>;
  onChange: (update: (mapping: MappingOf<F>) => MappingOf<F>) => void;
  fields?: readonly { key: F; label: string }[];
}) {
  const options = fields ?? Object.entries(FIELD_LABELS).map(([key, label]) => ({ key: key as F, label }));
  const usedFields = new Set(mapping.map((m) => m.field).filter(Boolean));
  return (
    <TableContainer component={Paper} variant="outlined" sx={fill}>
      <Table size="small" stickyHeader aria-label="Column mapping">
        <TableHead>
          <TableRow><TableCell>Column in the file</TableCell><TableCell>Example</TableCell><TableCell width={260}>Pairwise field</TableCell></TableRow>
        </TableHead>
        <TableBody>
          {mapping.map((entry, index) => (
            <TableRow key={`${index}:${entry.column}`}>
              <TableCell>{entry.column}</TableCell>
              <TableCell sx={{ color: 'text.secondary', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {preview.rows.find((r) => (r.cells[index] ?? '').trim() !== '')?.cells[index] ?? ''}
              </TableCell>
              <TableCell sx={{ py: 0.5 }}>
                <TextField
                  select size="small" fullWidth
                  value={entry.field ?? ''}
                  slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'aria-label': `Field for column ${entry.column}` } as object } }}
                  onChange={(e) => {
                    const field = (e.target.value || null) as F | null;
                    onChange((m) => m.map((x, i) => (i === index ? { ...x, field } : x.field === field ? { ...x, field: null } : x)));
                  }}
                >
                  <MenuItem value=""><em>Ignore</em></MenuItem>
                  {options.map(({ key, label }) => (
                    <MenuItem key={key} value={key}>{label}{usedFields.has(key) && entry.field !== key ? ' (reassign)' : ''}</MenuItem>
                  ))}
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
