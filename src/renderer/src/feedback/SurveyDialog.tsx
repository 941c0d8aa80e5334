import { useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, IconButton, MenuItem, Paper, Radio, RadioGroup, Stack, TextField, Tooltip, Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import AddIcon from '@mui/icons-material/Add';
import { api, type MethodOutput } from '../api/client';

type Survey = MethodOutput<'feedback.surveys'>[number];
type QuestionType = 'rating' | 'scale' | 'nps' | 'choice' | 'text';
interface DraftQuestion {
  type: QuestionType;
  text: string;
  options: string;
  scaleMax: number;
}

const TYPES: Record<QuestionType, string> = { rating: 'Rating 1–5', scale: 'Scale', nps: 'NPS 0–10', choice: 'Choice', text: 'Free text' };
const ROLES = [['mentee', 'Mentees'], ['mentor', 'Mentors']] as const;
const GROUPS = [['role', 'Role'], ['department', 'Department'], ['team', 'Team']] as const;

const STARTER: DraftQuestion[] = [
  { type: 'rating', text: 'How satisfied are you with the program so far?', options: '', scaleMax: 7 },
  { type: 'nps', text: 'How likely are you to recommend the program to a colleague?', options: '', scaleMax: 7 },
  { type: 'text', text: 'What should we change?', options: '', scaleMax: 7 },
];

const slug = (text: string, i: number) => `q${i + 1}-${text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'question'}`;

/**
 * Defines a survey, or edits one. Once a survey has answers, only its title and minimum group size can
 * change (the core refuses the rest, and an anonymous survey never becomes attributed).
 */
export function SurveyDialog(props: { cohortId: string; survey?: Survey; onClose: () => void; onSaved: (survey: Survey) => void }) {
  const editing = props.survey;
  const locked = editing?.hasResponses === true;
  const [title, setTitle] = useState(editing?.title ?? 'Mid-point survey');
  const [anonymous, setAnonymous] = useState(editing?.anonymous ?? true);
  const [roles, setRoles] = useState<string[]>(editing?.roles ?? ['mentee', 'mentor']);
  const [groupBy, setGroupBy] = useState<string[]>(editing?.groupBy ?? ['role', 'department']);
  const [k, setK] = useState(String(editing?.minGroupSize ?? 5));
  const [questions, setQuestions] = useState<DraftQuestion[]>(
    editing?.questions.map((q) => ({ type: q.type, text: q.text, options: q.options.join(', '), scaleMax: q.scaleMax })) ?? STARTER,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kNumber = Number(k);
  const kProblem = !Number.isInteger(kNumber) || kNumber < 3 ? 'At least 3: a smaller group could recognise each other’s answers' : null;

  const toggle = (list: string[], value: string, set: (next: string[]) => void) => set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const setQuestion = (i: number, patch: Partial<DraftQuestion>) => setQuestions(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      const built = questions.map((q, i) => ({
        id: editing?.questions[i]?.id ?? slug(q.text, i),
        type: q.type,
        text: q.text,
        options: q.type === 'choice' ? q.options.split(',').map((o) => o.trim()).filter(Boolean) : [],
        scaleMin: 1,
        scaleMax: q.scaleMax,
      }));
      const fields = { title, anonymous, roles: roles as ('mentor' | 'mentee')[], groupBy: groupBy as ('role' | 'department' | 'team')[], minGroupSize: kNumber, questions: built };
      const saved = editing
        ? await api.call('feedback.updateSurvey', locked ? { surveyId: editing.id, title, minGroupSize: kNumber } : { surveyId: editing.id, ...fields })
        : await api.call('feedback.defineSurvey', { cohortId: props.cohortId, ...fields });
      props.onSaved(saved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => !busy && props.onClose()} fullWidth maxWidth="md" aria-labelledby="survey-dialog-title">
      <DialogTitle id="survey-dialog-title">{editing ? `Edit “${editing.title}”` : 'New survey'}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          {error && <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>{error}</Alert>}
          {locked && <Alert severity="info">This survey has answers: only its title and minimum group size can change.</Alert>}
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required fullWidth />
          <Box>
            <FormLabel id="survey-kind">Answers are</FormLabel>
            <RadioGroup aria-labelledby="survey-kind" value={anonymous ? 'anonymous' : 'attributed'} onChange={(e) => setAnonymous(e.target.value === 'anonymous')}>
              <FormControlLabel value="anonymous" disabled={locked} control={<Radio />} label="Anonymous: the email is used during the import only, then discarded" />
              <FormControlLabel value="attributed" disabled={locked} control={<Radio />} label="Attributed: each answer is kept with the respondent’s name" />
            </RadioGroup>
            {!anonymous && <Alert severity="warning">Attributed survey: tell respondents that their answers are kept with their names.</Alert>}
          </Box>
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Box>
              <FormLabel component="legend">Asks</FormLabel>
              <FormGroup row>
                {ROLES.map(([value, label]) => (
                  <FormControlLabel key={value} disabled={locked} control={<Checkbox checked={roles.includes(value)} onChange={() => toggle(roles, value, setRoles)} />} label={label} />
                ))}
              </FormGroup>
            </Box>
            <Box>
              <FormLabel component="legend">Results broken down by</FormLabel>
              <FormGroup row>
                {GROUPS.map(([value, label]) => (
                  <FormControlLabel key={value} disabled={locked} control={<Checkbox checked={groupBy.includes(value)} onChange={() => toggle(groupBy, value, setGroupBy)} />} label={label} />
                ))}
              </FormGroup>
            </Box>
            <TextField
              label="Minimum group size (k)"
              type="number"
              value={k}
              onChange={(e) => setK(e.target.value)}
              error={kProblem !== null}
              helperText={kProblem ?? 'No figure or comment is shown for fewer answers'}
              slotProps={{ htmlInput: { min: 3, step: 1 } }}
              sx={{ width: 240 }}
            />
          </Stack>
          <Typography variant="subtitle1" component="h3">Questions</Typography>
          {questions.map((q, i) => (
            <Paper key={i} variant="outlined" sx={{ p: 1.5 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField select size="small" label="Type" value={q.type} disabled={locked} onChange={(e) => setQuestion(i, { type: e.target.value as QuestionType })} sx={{ width: 150 }}>
                  {Object.entries(TYPES).map(([value, label]) => <MenuItem key={value} value={value}>{label}</MenuItem>)}
                </TextField>
                <TextField size="small" label={`Question ${i + 1}`} value={q.text} disabled={locked} onChange={(e) => setQuestion(i, { text: e.target.value })} sx={{ flex: 1 }} helperText="As the form asks it: its column is found by this text" />
                {q.type === 'choice' && <TextField size="small" label="Options, comma-separated" value={q.options} disabled={locked} onChange={(e) => setQuestion(i, { options: e.target.value })} sx={{ width: 220 }} />}
                {q.type === 'scale' && (
                  <TextField select size="small" label="Scale 1 to" value={q.scaleMax} disabled={locked} onChange={(e) => setQuestion(i, { scaleMax: Number(e.target.value) })} sx={{ width: 110 }}>
                    {[3, 4, 5, 6, 7, 10].map((n) => <MenuItem key={n} value={n}>{n}</MenuItem>)}
                  </TextField>
                )}
                <Tooltip title="Remove question">
                  <span>
                    <IconButton aria-label={`Remove question ${i + 1}`} disabled={locked || questions.length === 1} onClick={() => setQuestions(questions.filter((_, j) => j !== i))}><DeleteIcon /></IconButton>
                  </span>
                </Tooltip>
              </Stack>
            </Paper>
          ))}
          <Box>
            <Button startIcon={<AddIcon />} disabled={locked} onClick={() => setQuestions([...questions, { type: 'rating', text: '', options: '', scaleMax: 7 }])}>Add question</Button>
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || kProblem !== null || title.trim() === ''}>{editing ? 'Save' : 'Create survey'}</Button>
      </DialogActions>
    </Dialog>
  );
}
