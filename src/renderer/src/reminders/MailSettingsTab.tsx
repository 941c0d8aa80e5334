import { useEffect, useState } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import { api, type MethodOutput } from '../api/client';

type Settings = NonNullable<MethodOutput<'reminders.mailSettings'>>;
type PasswordStatus = MethodOutput<'reminders.passwordStatus'>;

export const STORAGE_WORDS: Record<PasswordStatus['storage'], string> = {
  keychain: "in this computer's keychain (encrypted by the system)",
  file: 'in a file beside the workspace that only you can read',
  none: 'nowhere: it is asked each time you send',
};

/** The workspace's outgoing mail server. The password is never part of it (see the send step). */
export function MailSettingsTab(props: { settings: Settings | null; password: PasswordStatus | null; onSaved: () => void }) {
  const [host, setHost] = useState(props.settings?.host ?? '');
  const [port, setPort] = useState(String(props.settings?.port ?? 587));
  const [secure, setSecure] = useState(props.settings?.secure ?? false);
  const [username, setUsername] = useState(props.settings?.username ?? '');
  const [from, setFrom] = useState(props.settings?.from ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [host, port, secure, username, from]);

  const save = async () => {
    setError(null);
    try {
      await api.call('reminders.saveMailSettings', { host: host.trim() || null, port: host.trim() ? Number(port) : null, secure, username: username.trim() || null, from });
      setSaved(true);
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const forget = async () => {
    await api.call('reminders.forgetPassword', {});
    props.onSaved();
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 560 }}>
      <Typography variant="body2" color="text.secondary">
        Emails go out through your organisation's SMTP server. Leave the server blank to save them as .eml files instead, to send from your mail program.
      </Typography>
      <TextField label="From" placeholder="Mentoring team <mentoring@yourorg.org>" value={from} onChange={(e) => setFrom(e.target.value)} size="small" required />
      <Stack direction="row" spacing={2}>
        <TextField label="SMTP server" placeholder="smtp.yourorg.org" value={host} onChange={(e) => setHost(e.target.value)} size="small" sx={{ flex: 1 }} />
        <TextField label="Port" type="number" value={port} onChange={(e) => setPort(e.target.value)} size="small" sx={{ width: 110 }} disabled={!host.trim()} />
      </Stack>
      <FormControlLabel control={<Switch checked={secure} onChange={(e) => setSecure(e.target.checked)} disabled={!host.trim()} />} label="TLS from the start (port 465); otherwise STARTTLS when the server offers it" />
      <TextField label="User name" value={username} onChange={(e) => setUsername(e.target.value)} size="small" disabled={!host.trim()} helperText="Blank if the server takes mail without a login." />
      {props.password && (
        <Typography variant="body2" color="text.secondary">
          The password is never saved in the workspace file. It can be kept {STORAGE_WORDS[props.password.storage]}
          {props.password.kept ? '; one is kept now.' : '.'}
        </Typography>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      {saved && <Alert severity="success">Outgoing mail saved.</Alert>}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" onClick={() => void save()}>Save outgoing mail</Button>
        {props.password?.kept && <Button color="warning" onClick={() => void forget()}>Forget the kept password</Button>}
      </Box>
    </Stack>
  );
}
