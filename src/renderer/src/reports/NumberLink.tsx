import { Link } from '@mui/material';
import type { ReactNode } from 'react';

/** A dashboard number that opens the list it counts; the label says where it goes for screen readers. */
export function NumberLink({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <Link href={href} underline="hover" aria-label={label} sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
      {children}
    </Link>
  );
}
