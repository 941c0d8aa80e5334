import { useState } from 'react';
import { Alert, Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { api, type MethodOutput } from '../api/client';

type Templates = MethodOutput<'reminders.templates'>;
type Kind = 'reminder' | 'nudge';
const TITLES: Record<Kind, string> = { reminder: 'Session reminder (sessions in the next 48 hours)', nudge: 'Nudge (pairs past their cadence)' };

function TemplateEditor(props: { cohortId: string; kind: Kind; templates: Templates; onSaved: (t: Templates) => void }) {
  const current = props.templates[props.kind];
  const [subject, setSubject] = useState(current.subject);
  const [body, setBody] = useState(current.body);
  const [error, setError] = useState<string | null>(null);
  const save = async (template: { subject: string; body: string } | null) => {
    setError(null);
    try {
      const next = await api.call('reminders.saveTemplate', { cohortId: props.cohortId, kind: props.kind, template });
      setSubject(next[props.kind].subject);
      setBody(next[props.kind].body);
      props.onSaved(next);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const placeholders = props.templates.placeholders.filter((p) => p.kinds.includes(props.kind));
  return (
    <Stack spacing={1.5} component="section" aria-label={TITLES[props.kind]}>
      <Typography variant="subtitle1" component="h3">{TITLES[props.kind]}{current.custom ? '' : ' — default'}</Typography>
      <TextField label={`${props.kind === 'reminder' ? 'Reminder' : 'Nudge'} subject`} size="small" value={subject} onChange={(e) => setSubject(e.target.value)} />
      <TextField label={`${props.kind === 'reminder' ? 'Reminder' : 'Nudge'} body`} multiline minRows={5} maxRows={12} value={body} onChange={(e) => setBody(e.target.value)} slotProps={{ htmlInput: { style: { fontFamily: 'monospace', fontSize: 13 } } }} />
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Placeholders">
        {placeholders.map((p) => <Chip key={p.name} size="small" variant="outlined" label={`{${p.name}}`} title={p.about} />)}
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" onClick={() => void save({ subject, body })}>Save {props.kind}</Button>
        {current.custom && <Button onClick={() => void save(null)}>Back to the default</Button>}
      </Box>
    </Stack>
  );
}

/** The program's two email templates, with the placeholders each may use (hover one for what it becomes). */
export function TemplatesTab(props: { cohortId: string; templates: Templates; onSaved: (t: Templates) => void }) {
  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        The program's emails. Placeholders in braces are filled for each pair; session times are written in each person's own time zone.
      </Typography>
      <TemplateEditor {...props} kind="reminder" />
      <TemplateEditor {...props} kind="nudge" />
    </Stack>
  );
}
