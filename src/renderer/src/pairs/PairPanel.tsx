import { useState } from 'react';
import { Alert, Box, Button, Chip, Divider, Drawer, FormControlLabel, IconButton, List, ListItem, Stack, Switch, TextField, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import AddIcon from '@mui/icons-material/AddOutlined';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { SessionDialog } from './SessionDialog';
import { PairCheckins } from './PairCheckins';
import { CalendarDialog } from './CalendarDialog';
import { SeriesDialog } from './SeriesDialog';
import { ClosePairDialog } from './ClosePairDialog';
import { PairGoals } from './PairGoals';
import { FORMAT_LABEL, HEALTH_COLOR, HEALTH_LABEL, STATUS_LABEL, dateOf, localText, type PairHealth, type Session } from './format';

/** One pair: its health, cadence and sessions (log, schedule, edit, remove). */
export function PairPanel(props: { pair: PairHealth; defaultCadence: number; onClose: () => void; onChanged: () => void }) {
  const { pair } = props;
  const sessions = useQuery('sessions.list', { pairId: pair.pairId });
  const [editing, setEditing] = useState<Session | 'new' | null>(null);
  const [removing, setRemoving] = useState<Session | null>(null);
  const [inviting, setInviting] = useState<Session | null>(null);
  const [cadence, setCadence] = useState(String(pair.cadenceDays));
  const [series, setSeries] = useState(false);
  const [named, setNamed] = useState(pair.namedInReports);
  // Shown at once, saved behind; put back if the save fails.
  const saveConsent = async (value: boolean) => {
    setNamed(value);
    try {
      await api.call('pairs.setReportConsent', { pairId: pair.pairId, namedInReports: value });
      props.onChanged();
    } catch (e) {
      setNamed(!value);
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  const [closing, setClosing] = useState(false);
  const notify = useNotify();

  const changed = async () => {
    await sessions.reload();
    props.onChanged();
  };
  const saveCadence = async (value: number | null) => {
    try {
      await api.call('pairs.setCadence', { pairId: pair.pairId, cadenceDays: value });
      if (value === null) setCadence(String(props.defaultCadence));
      props.onChanged();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  const remove = async (session: Session) => {
    setRemoving(null);
    try {
      await api.call('sessions.remove', { id: session.id });
      notify({ severity: 'success', message: 'Session removed' });
      await changed();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  return (
    <Drawer anchor="right" open onClose={props.onClose} sx={{ zIndex: (t) => t.zIndex.modal }} slotProps={{ paper: { sx: { width: 520, maxWidth: '100vw' } } }}>
      <Box role="dialog" aria-label="Pair sessions" sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="h6" component="h2">{pair.mentee.name} & {pair.mentor.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              Mentee in {pair.mentee.timezone ?? 'no time zone'} · mentor in {pair.mentor.timezone ?? 'no time zone'} · started {dateOf(pair.startedAt)}
            </Typography>
          </Box>
          {/* "End pair", not "Close pair": the panel's own close button is "Close". */}
          <Button color="warning" onClick={() => setClosing(true)}>End pair</Button>
          <IconButton aria-label="Close" onClick={props.onClose}><CloseIcon /></IconButton>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Chip label={HEALTH_LABEL[pair.health]} color={HEALTH_COLOR[pair.health]} size="small" />
          <Typography variant="body2">{pair.rule}</Typography>
        </Stack>
        <PairGoals pairId={pair.pairId} summary={pair} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField label="Cadence (days)" type="number" size="small" value={cadence} onChange={(e) => setCadence(e.target.value)} sx={{ width: 140 }} />
          <Button onClick={() => void saveCadence(Number(cadence))} disabled={cadence === String(pair.cadenceDays) && !pair.cadenceIsDefault}>Set cadence</Button>
          {!pair.cadenceIsDefault && <Button onClick={() => void saveCadence(null)}>Use program default ({props.defaultCadence})</Button>}
        </Stack>
        <FormControlLabel
          control={<Switch checked={named} onChange={(e) => void saveConsent(e.target.checked)} />}
          label="Both agree to be named in progress reports (best-rated pairs)"
        />
        <Divider />
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>Sessions ({pair.held} held, {pair.expected} expected by now)</Typography>
          <Button onClick={() => setSeries(true)}>Recurring (.ics)</Button>
          <Button startIcon={<AddIcon />} variant="contained" onClick={() => setEditing('new')}>Log or schedule</Button>
        </Stack>
        {sessions.error && <Alert severity="error">{sessions.error.message}</Alert>}
        {sessions.data?.length === 0 && <Typography color="text.secondary">No sessions yet.</Typography>}
        <List aria-label="Sessions" disablePadding>
          {[...(sessions.data ?? [])].reverse().map((s) => (
            <ListItem key={s.id} divider sx={{ display: 'block', px: 0 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
                <Chip size="small" label={STATUS_LABEL[s.status]} color={s.status === 'held' ? 'success' : s.status === 'planned' ? 'info' : 'default'} variant="outlined" />
                <Typography variant="body2" sx={{ flex: 1 }}>{FORMAT_LABEL[s.format]}, {s.durationMinutes} min</Typography>
                {s.differentDays && <Chip size="small" color="warning" label="Different days" />}
                <Button size="small" onClick={() => setInviting(s)} aria-label={`Invite to the session of ${s.mentee.local ?? s.startsAt}`}>Invite</Button>
                <Button size="small" onClick={() => setEditing(s)} aria-label={`Edit session of ${s.mentee.local ?? s.startsAt}`}>Edit</Button>
                <Button size="small" color="error" onClick={() => setRemoving(s)} aria-label={`Remove session of ${s.mentee.local ?? s.startsAt}`}>Remove</Button>
              </Stack>
              <Typography variant="body2">Mentee {s.mentee.name}: {localText(s.mentee)}{s.enteredIn === 'mentee' ? ' (as entered)' : ''}</Typography>
              <Typography variant="body2">Mentor {s.mentor.name}: {localText(s.mentor)}{s.enteredIn === 'mentor' ? ' (as entered)' : ''}</Typography>
              {s.topics.length > 0 && <Typography variant="body2" color="text.secondary">Topics: {s.topics.join(', ')}</Typography>}
              {s.notes !== '' && <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>{s.notes}</Typography>}
            </ListItem>
          ))}
        </List>
        <Divider />
        <PairCheckins pairId={pair.pairId} onChanged={props.onChanged} />
      </Box>
      {editing && (
        <SessionDialog
          pair={pair}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void changed();
          }}
        />
      )}
      {closing && (
        <ClosePairDialog
          pair={pair}
          onClose={() => setClosing(false)}
          onClosed={(outcome) => {
            setClosing(false);
            notify({ severity: 'success', message: `Pair ended: ${outcome === 'completed' ? 'completed' : 'ended early'}` });
            props.onChanged();
            props.onClose();
          }}
        />
      )}
      {series && <SeriesDialog pair={pair} onClose={() => setSeries(false)} />}
      {inviting && <CalendarDialog target={{ sessionId: inviting.id }} what="This session's invitation" onClose={() => setInviting(null)} />}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this session?"
        confirmLabel="Remove session"
        color="error"
        onCancel={() => setRemoving(null)}
        onConfirm={() => void remove(removing!)}
      >
        {removing && `The ${STATUS_LABEL[removing.status].toLowerCase()} session of ${localText(removing.mentee)} (mentee's time) is removed from the pair's record.`}
      </ConfirmDialog>
    </Drawer>
  );
}
