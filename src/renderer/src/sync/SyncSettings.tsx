import { Alert, Box, Button, Chip, CircularProgress, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { api, type MethodOutput } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useWorkspace } from '../workspace';
import { SyncConflicts } from './SyncConflicts';

type Status = MethodOutput<'sync.status'>;
type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** Settings > Sync: connect to the program's PostgreSQL server, see how this replica stands, sync now, review conflicts. */
export function SyncSettings() {
  const status = useQuery('sync.status', {});
  const [version, setVersion] = useState(0);
  const refresh = async () => {
    await status.reload();
    setVersion((v) => v + 1);
  };
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby="sync-heading">
      <Typography id="sync-heading" sx={{ fontWeight: 600 }} variant="subtitle1" component="h2">
        Sync
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Optional: share this workspace with the program's other coordinators through your organisation's PostgreSQL server. Everything is
        encrypted on this computer with the program passphrase; the server only sees ids, clocks and ciphertext. Pairwise keeps working offline.
      </Typography>
      {status.error && <Alert severity="error">{status.error.message}</Alert>}
      {status.data && !status.data.connected && <ConnectForm onConnected={refresh} />}
      {status.data?.connected && <Connected status={status.data} loading={status.loading} onChange={refresh} />}
      {status.data && !status.data.connected && status.loading && <CircularProgress size={20} aria-label="Checking the server" />}
      <SyncConflicts version={version} onChange={refresh} />
    </Paper>
  );
}

function ConnectForm({ onConnected }: { onConnected: () => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [space, setSpace] = useState('');
  const [sslmode, setSslmode] = useState<SslMode | 'url'>('url');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.call('sync.connect', { url: url.trim(), passphrase, space: space.trim() || undefined, sslmode: sslmode === 'url' ? undefined : sslmode });
      setPassphrase('');
      await onConnected();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={(e) => void submit(e)} aria-label="Connect to a sync server">
      <Stack spacing={2}>
        <TextField label="Server address" placeholder="postgres://user:password@db.example.org:5432/pairwise" value={url} onChange={(e) => setUrl(e.target.value)} required fullWidth
          helperText="A PostgreSQL database your organisation runs (or a managed one). The password in it is kept with the passphrase, never in the workspace file." />
        <TextField label="Program passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required fullWidth autoComplete="new-password"
          helperText="Shared by the program's coordinators; the first to connect sets it. It cannot be recovered: without it the synced data cannot be read." />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField label="Space (optional)" placeholder="default" value={space} onChange={(e) => setSpace(e.target.value)} sx={{ flex: 1 }}
            helperText="One server can hold several programs' spaces." />
          <TextField select label="TLS (sslmode)" value={sslmode} onChange={(e) => setSslmode(e.target.value as SslMode | 'url')} sx={{ flex: 1 }}
            helperText="Use verify-full for a server on the internet.">
            <MenuItem value="url">As in the address</MenuItem>
            {(['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const).map((m) => (
              <MenuItem key={m} value={m}>{m}</MenuItem>
            ))}
          </TextField>
        </Stack>
        {error && <Alert severity="error">{error}</Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={busy || !url.trim() || !passphrase} startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
            {busy ? 'Connecting…' : 'Connect'}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

function Connected({ status, loading, onChange }: { status: Status; loading: boolean; onChange: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const workspace = useWorkspace();
  const syncNow = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.call('sync.now', {});
      setResult(
        `Sent ${plural(r.pushedChanges, 'change')}, received ${plural(r.pulledMessages, 'message')}, ${plural(r.appliedRows, 'row')} updated` +
          (r.mergedDuplicates ? `, ${plural(r.mergedDuplicates, 'duplicate')} merged` : '') +
          (r.newConflicts ? `, ${plural(r.newConflicts, 'new conflict')} to review` : '') +
          '.',
      );
      // Programs and cohorts other coordinators added or renamed: every page reads them from the workspace context.
      if (r.appliedRows > 0 || r.mergedDuplicates > 0) await workspace.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      await onChange();
    }
  };
  const disconnect = async () => {
    setConfirming(false);
    await api.call('sync.disconnect', {});
    await onChange();
  };
  return (
    <Stack spacing={1.5}>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.75, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}>
        <dt>Server</dt>
        <dd>
          <Typography component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{status.server}</Typography>{' '}
          {status.reachable === null ? null : (
            <Chip size="small" color={status.reachable ? 'success' : 'warning'} label={loading ? 'Checking…' : status.reachable ? 'Reachable' : 'Not reachable'} sx={{ ml: 1 }} />
          )}
        </dd>
        <dt>Space</dt>
        <dd>{status.space}{status.source === 'environment' ? ' (from PAIRWISE_SYNC_URL)' : ''}</dd>
        <dt>Last sync</dt>
        <dd data-testid="sync-last">{when(status.lastSyncAt)}</dd>
        <dt>Changes waiting</dt>
        <dd data-testid="sync-pending">{status.pendingChanges.toLocaleString()}</dd>
        <dt>Automatic sync</dt>
        <dd>{status.autoSyncMinutes ? `every ${status.autoSyncMinutes} minutes while Pairwise is open and the server is reachable` : 'off'}</dd>
      </Box>
      {status.lastError && !error && <Alert severity="warning">Last sync failed: {status.lastError}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      {result && <Alert severity="success" role="status">{result}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void syncNow()} disabled={busy} startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
          {busy ? 'Syncing…' : 'Sync now'}
        </Button>
        {status.source === 'connect' && (
          <Button onClick={() => setConfirming(true)} disabled={busy}>
            Disconnect
          </Button>
        )}
      </Stack>
      <ConfirmDialog open={confirming} title="Disconnect from the sync server?" confirmLabel="Disconnect" color="warning" onCancel={() => setConfirming(false)} onConfirm={() => void disconnect()}>
        This computer forgets the server address and passphrase. Your workspace keeps all its data; changes made from now on wait here until you connect again.
      </ConfirmDialog>
    </Stack>
  );
}
