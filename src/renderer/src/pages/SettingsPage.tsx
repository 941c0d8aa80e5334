import { FormControlLabel, Paper, Stack, Switch, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import { SyncSettings } from '../sync/SyncSettings';
import { useThemeMode } from '../theme';

export function SettingsPage() {
  const info = useQuery('workspace.info', {});
  const { mode, toggle } = useThemeMode();
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">Settings</Typography>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography sx={{ fontWeight: 600 }} variant="subtitle1">Appearance</Typography>
        <FormControlLabel control={<Switch checked={mode === 'dark'} onChange={toggle} />} label="Dark theme" />
      </Paper>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography sx={{ fontWeight: 600 }} variant="subtitle1">Workspace</Typography>
        <Typography color="text.secondary">All data stays in this file on this computer.</Typography>
        <Typography sx={{ fontFamily: 'monospace', mt: 1, wordBreak: 'break-all' }}>{info.data?.path ?? '…'}</Typography>
        {info.data && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Schema version {info.data.schemaVersion} · {info.data.changeCount.toLocaleString()} recorded changes (audit log)
          </Typography>
        )}
      </Paper>
      <SyncSettings />
    </Stack>
  );
}
