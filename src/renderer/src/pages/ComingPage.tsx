import { Paper, Stack, Typography } from '@mui/material';
import ConstructionIcon from '@mui/icons-material/ConstructionOutlined';

/** An honest placeholder: says what the page will do, shows no made-up data. */
export function ComingPage({ title, what }: { title: string; what: string }) {
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">{title}</Typography>
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
        <ConstructionIcon color="disabled" sx={{ fontSize: 48 }} />
        <Typography variant="h6" sx={{ mt: 1 }}>Coming in a later release</Typography>
        <Typography color="text.secondary" sx={{ maxWidth: 520, mx: 'auto' }}>{what}</Typography>
      </Paper>
    </Stack>
  );
}
