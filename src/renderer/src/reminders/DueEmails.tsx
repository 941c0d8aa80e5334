import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import { api, type MethodOutput } from '../api/client';
import { downloadFile } from '../components/download';
import { STORAGE_WORDS } from './MailSettingsTab';

type Preview = MethodOutput<'reminders.preview'>;
type Settings = MethodOutput<'reminders.mailSettings'>;
type PasswordStatus = MethodOutput<'reminders.passwordStatus'>;
type Sent = MethodOutput<'reminders.send'>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The emails due now, each as it will arrive (recipients, subject, text), then sent or saved as .eml files. */
export function DueEmails(props: { cohortId: string; preview: Preview; settings: Settings; password: PasswordStatus | null; onSent: () => void; onSetUp: () => void }) {
  const { messages } = props.preview;
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Sent | null>(null);
  // Ticked: what is sent. Emails that went out already start unticked (tick one to send it again).
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(messages.filter((m) => !m.alreadySent).map((m) => m.key)));
  // A new preview (after a send) starts again from what has not gone out.
  useEffect(() => setChosen(new Set(props.preview.messages.filter((m) => !m.alreadySent).map((m) => m.key))), [props.preview]);
  const toggle = (key: string) => setChosen((c) => {
    const next = new Set(c);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const smtp = Boolean(props.settings?.host);
  const needsPassword = smtp && Boolean(props.settings?.username) && !props.password?.kept;

  const send = async (via: 'smtp' | 'eml') => {
    setError(null);
    setResult(null);
    setBusy(via === 'smtp' ? `Sending ${plural(chosen.size, 'email')}…` : 'Saving the emails…');
    try {
      const sent = await api.call('reminders.send', {
        cohortId: props.cohortId,
        via,
        keys: messages.filter((m) => chosen.has(m.key)).map((m) => m.key),
        ...(via === 'smtp' && password !== '' ? { password } : {}),
        ...(via === 'smtp' && password !== '' && props.password?.storage !== 'none' ? { rememberPassword: remember } : {}),
      });
      if (sent.file) downloadFile(sent.file);
      setResult(sent);
      setPassword('');
      props.onSent();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (messages.length === 0) {
    return <Alert severity="info">Nothing is due now: no session in the next 48 hours, and every pair is within its cadence.</Alert>;
  }
  return (
    <Stack spacing={2} sx={{ minHeight: 0 }}>
      <Typography variant="body2">
        {plural(messages.length, 'email')} due{props.preview.from ? `, from ${props.preview.from}` : ''}. Each goes to both people of the pair; those that went out already are unticked (tick one to send it again).
      </Typography>
      <List aria-label="Emails due" disablePadding sx={{ overflow: 'auto', maxHeight: 330, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        {messages.map((m) => (
          <ListItem key={m.key} divider sx={{ display: 'block' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
              <Checkbox size="small" checked={chosen.has(m.key)} onChange={() => toggle(m.key)} slotProps={{ input: { 'aria-label': `Send the ${m.kind} to ${m.to.map((t) => t.name).join(' and ')}` } }} sx={{ p: 0.5 }} />
              <Chip size="small" color={m.kind === 'reminder' ? 'info' : 'warning'} label={m.kind === 'reminder' ? 'Reminder' : 'Nudge'} />
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>{m.reason}</Typography>
              {m.lastSent && (
                <Chip size="small" variant="outlined" label={`${m.alreadySent ? 'Sent' : 'Last sent'} ${m.lastSent.at.slice(0, 16).replace('T', ' ')} UTC${m.lastSent.via === 'eml' ? ' (.eml)' : ''}`} />
              )}
            </Stack>
            <Typography variant="body2"><strong>To:</strong> {m.to.map((t) => `${t.name} <${t.address}>`).join(', ')}</Typography>
            <Typography variant="body2"><strong>Subject:</strong> {m.subject}</Typography>
            <Box component="pre" sx={{ m: 0, mt: 0.5, whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: 14, color: 'text.secondary' }}>{m.text}</Box>
          </ListItem>
        ))}
      </List>
      {!props.settings && <Alert severity="warning" action={<Button onClick={props.onSetUp}>Set up</Button>}>Set a From address (and your SMTP server) under Outgoing mail first.</Alert>}
      {needsPassword && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <TextField label={`SMTP password for ${props.settings!.username}`} type="password" size="small" sx={{ minWidth: 320 }} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          {props.password && props.password.storage !== 'none' && (
            <FormControlLabel control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} />} label={`Keep the password ${STORAGE_WORDS[props.password.storage]}`} />
          )}
        </Stack>
      )}
      {busy && <Alert severity="info" role="status">{busy}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      {result && (
        <Alert severity={result.failed.length ? 'warning' : 'success'} aria-label="Send result">
          {result.via === 'eml' ? `Saved ${plural(result.files.length, 'email')} as .eml files (${result.file?.fileName}).` : `Sent ${plural(result.sent.length, 'email')}.`}
          {result.failed.map((f) => <Typography key={f.key} variant="body2">Not sent to {f.to.join(', ')}: {f.error}</Typography>)}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button variant="outlined" disabled={busy !== null || !props.settings || chosen.size === 0} onClick={() => void send('eml')}>Save as .eml files</Button>
        {smtp && <Button variant="contained" disabled={busy !== null || chosen.size === 0 || (needsPassword && password === '')} onClick={() => void send('smtp')}>Send {plural(chosen.size, 'email')}</Button>}
      </Box>
    </Stack>
  );
}
