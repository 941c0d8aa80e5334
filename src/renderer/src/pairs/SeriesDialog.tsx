import { useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField,
} from '@mui/material';
import { api, type MethodOutput } from '../api/client';
import { downloadFile } from '../components/download';
import { useNotify } from '../components/Notifier';

const ORGANIZER_KEY = 'pairwise.calendarOrganizer';
type Series = MethodOutput<'sessions.icsSeries'>;

/**
 * A recurring series of sessions as one calendar invitation (.ics with a repeat rule): the first start on
 * one person's clock, every N days (the pair's cadence by default). Preview shows each session in both
 * people's local times, so a change of only one clock for daylight saving is seen before it is sent.
 */
export function SeriesDialog(props: { pair: { pairId: string; cadenceDays: number; mentor: { name: string; timezone: string | null }; mentee: { name: string; timezone: string | null } }; onClose: () => void }) {
  const { pair } = props;
  const [localStart, setLocalStart] = useState('');
  const [zoneOf, setZoneOf] = useState<'mentee' | 'mentor'>('mentee');
  const [everyDays, setEveryDays] = useState(String(pair.cadenceDays));
  const [count, setCount] = useState('6');
  const [minutes, setMinutes] = useState('45');
  const [organizer, setOrganizer] = useState(() => localStorage.getItem(ORGANIZER_KEY) ?? '');
  const [preview, setPreview] = useState<Series | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notify = useNotify();

  const call = async (): Promise<Series | null> => {
    setError(null);
    try {
      const series = await api.call('sessions.icsSeries', {
        pairId: pair.pairId, localStart, zoneOf, organizer,
        everyDays: Number(everyDays), count: Number(count), durationMinutes: Number(minutes),
      });
      setPreview(series);
      return series;
    } catch (e) {
      setError((e as Error).message);
      return null;
    }
  };
  const save = async () => {
    const series = await call();
    if (!series) return;
    localStorage.setItem(ORGANIZER_KEY, organizer);
    downloadFile(series);
    notify({ severity: 'success', message: `Saved ${series.fileName} (${series.events} sessions, every ${series.everyDays} days)` });
    props.onClose();
  };
  const moves = preview !== null && new Set(preview.occurrences.map((o) => o[zoneOf === 'mentee' ? 'mentor' : 'mentee'].local?.slice(11))).size > 1;

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="series-title" fullWidth maxWidth="md">
      <DialogTitle id="series-title">Recurring sessions</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          One calendar invitation that repeats: both people are invited and you organise. It keeps the same time on the clock you choose, daylight saving included.
        </DialogContentText>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <TextField label="First session" type="datetime-local" value={localStart} onChange={(e) => setLocalStart(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField label="Every (days)" type="number" value={everyDays} onChange={(e) => setEveryDays(e.target.value)} sx={{ width: 130 }} />
            <TextField label="Sessions" type="number" value={count} onChange={(e) => setCount(e.target.value)} sx={{ width: 110 }} />
            <TextField label="Minutes" type="number" value={minutes} onChange={(e) => setMinutes(e.target.value)} sx={{ width: 110 }} />
          </Stack>
          <RadioGroup row value={zoneOf} onChange={(e) => setZoneOf(e.target.value as 'mentee' | 'mentor')} aria-label="Whose clock the time is on">
            <FormControlLabel value="mentee" control={<Radio size="small" />} label={`${pair.mentee.name}'s clock (mentee)`} />
            <FormControlLabel value="mentor" control={<Radio size="small" />} label={`${pair.mentor.name}'s clock (mentor)`} />
          </RadioGroup>
          <TextField fullWidth label="Organiser (you)" placeholder="Mentoring team <team@yourorg.org>" value={organizer} onChange={(e) => setOrganizer(e.target.value)} />
          {error && <Alert severity="error">{error}</Alert>}
          {preview && (
            <>
              {moves && (
                <Alert severity="info">
                  {pair[zoneOf === 'mentee' ? 'mentor' : 'mentee'].name}'s local time changes during the series: their clock changes for daylight saving on a different date.
                </Alert>
              )}
              <Table size="small" aria-label="Sessions in the series">
                <TableHead>
                  <TableRow>
                    <TableCell>#</TableCell>
                    <TableCell>{pair.mentee.name} (mentee{pair.mentee.timezone ? `, ${pair.mentee.timezone}` : ''})</TableCell>
                    <TableCell>{pair.mentor.name} (mentor{pair.mentor.timezone ? `, ${pair.mentor.timezone}` : ''})</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.occurrences.map((o, k) => (
                    <TableRow key={o.startsAt}>
                      <TableCell>{k + 1}</TableCell>
                      <TableCell>{o.mentee.local ? `${o.mentee.weekday} ${o.mentee.local.replace('T', ' ')}` : 'no time zone'}</TableCell>
                      <TableCell>{o.mentor.local ? `${o.mentor.weekday} ${o.mentor.local.replace('T', ' ')}` : 'no time zone'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button onClick={() => void call()}>Preview</Button>
        <Button variant="contained" onClick={() => void save()}>Save .ics</Button>
      </DialogActions>
    </Dialog>
  );
}
