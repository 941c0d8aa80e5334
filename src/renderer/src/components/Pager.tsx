import { useEffect, useMemo, useState } from 'react';
import { TablePagination } from '@mui/material';

/**
 * Long tables render a page of rows at a time: a year of a large program has 5,000 pairs, 15,000 goals
 * and as many due items, and rendering them all took seconds before the first paint.
 * `resetOn` (filters, sort) sends the view back to the first page.
 */
export function usePaged<T>(rows: readonly T[], resetOn: readonly unknown[], firstSize = 100) {
  const [size, setSize] = useState(firstSize);
  const [index, setIndex] = useState(0);
  // The caller lists what resets the page, like an effect's dependencies.
  useEffect(() => setIndex(0), resetOn);
  const last = Math.max(0, Math.ceil(rows.length / size) - 1);
  const page = Math.min(index, last);
  const shown = useMemo(() => rows.slice(page * size, (page + 1) * size), [rows, page, size]);
  return { shown, page, size, setPage: setIndex, setSize, total: rows.length };
}

/** The pager under a table, shown once there is more than one page. */
export function Pager(props: { paged: ReturnType<typeof usePaged>; label: string }) {
  const { paged } = props;
  if (paged.total <= 100) return null;
  return (
    <TablePagination
      component="div"
      count={paged.total}
      page={paged.page}
      onPageChange={(_, next) => paged.setPage(next)}
      rowsPerPage={paged.size}
      rowsPerPageOptions={[100, 250, 500]}
      onRowsPerPageChange={(e) => {
        paged.setSize(Number(e.target.value));
        paged.setPage(0);
      }}
      labelRowsPerPage={props.label}
    />
  );
}
