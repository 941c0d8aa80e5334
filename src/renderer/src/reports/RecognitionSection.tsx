import { Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';

/** Badges earned from recorded facts: how many people earned each, and the first few holders. */
export function RecognitionSection({ cohortId }: { cohortId: string }) {
  const badges = useQuery('reports.badges', { cohortId });
  const all = badges.data ?? [];
  const kinds = [...new Set(all.map((b) => b.label))];
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="recognition-title">
      <Typography id="recognition-title" variant="h6" component="h2">Recognition</Typography>
      {all.length === 0 ? (
        <Typography variant="body2" color="text.secondary">No badges earned yet: the first comes with a pair's first session.</Typography>
      ) : (
        <Table size="small" aria-label="Badges">
          <TableHead>
            <TableRow>
              <TableCell>Badge</TableCell>
              <TableCell align="right">People</TableCell>
              <TableCell>Earned by (first five)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {kinds.map((label) => {
              const holders = all.filter((b) => b.label === label);
              return (
                <TableRow key={label}>
                  <TableCell><Chip size="small" color="primary" variant="outlined" label={label} /></TableCell>
                  <TableCell align="right">{holders.length}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                      <Typography variant="body2">{holders.slice(0, 5).map((b) => b.name).join(', ')}{holders.length > 5 ? '…' : ''}</Typography>
                    </Stack>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
