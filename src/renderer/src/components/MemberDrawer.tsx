import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Drawer,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { api, type MethodInput, type MethodOutput } from '../api/client';
import { useNotify } from './Notifier';

type Member = MethodOutput<'members.list'>[number];
type Patch = MethodInput<'members.update'>['patch'];
type ErasurePlan = MethodOutput<'people.erasePlan'>;

/** The drawer sits at the modal layer itself: its dialogs go one above it. */
const aboveDrawer = { zIndex: (t: { zIndex: { modal: number } }) => t.zIndex.modal + 1 };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Exactly what people.erase deletes, blanks and clears, line by line, from the plan the core computed. */
function erasureLines(plan: ErasurePlan): string[] {
  const cohorts = plan.memberships.map((m) => `${m.cohortName} (${m.role}${m.removed ? ', removed' : ''})`).join(', ');
  return [
    `Their record in ${count(plan.memberships.length, 'cohort')}: ${cohorts}.`,
    `${count(plan.pairs, 'published pair')} they are in${plan.activePairs > 0 ? ` (${plan.activePairs} active: their partners become unpaired)` : ''}.`,
    ...(plan.sessions > 0 ? [`${count(plan.sessions, 'session')} of those pairs, with their notes and topics.`] : []),
    `${count(plan.edits, 'matching edit')} (lock, forbid, capacity) that name them.`,
    ...(plan.managerReferences > 0 ? [`Their email as the manager of ${count(plan.managerReferences, 'other participant')} (the field is cleared).`] : []),
    `Their values in ${count(plan.changeRows, 'change-log entry', 'change-log entries')}: blanked, so no undo, replay or sync can bring them back.`,
    ...(plan.runs > 0 ? [`${count(plan.runs, 'saved run')} keep${plan.runs === 1 ? 's its' : ' their'} results, without their name or details.`] : []),
  ];
}

/** Erase a person for a privacy request: shows the plan first, asks, then erases. */
function EraseDialog({ member, onCancel, onErased }: { member: Member; onCancel: () => void; onErased: () => Promise<void> }) {
  const notify = useNotify();
  const [plan, setPlan] = useState<ErasurePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('people.erasePlan', { personId: member.personId }).then(
      (value) => live && setPlan(value),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [member.personId]);
  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('people.erase', { personId: member.personId });
      notify({
        severity: result.walCleared ? 'success' : 'info',
        message: `${member.fullName} was erased.${result.walCleared ? '' : ' Another program has the workspace open: some erased bytes stay in its -wal file until that program closes it.'}`,
      });
      await onErased();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onCancel} aria-labelledby="erase-title" maxWidth="sm" fullWidth sx={aboveDrawer}>
      <DialogTitle id="erase-title">Erase {member.fullName} for good?</DialogTitle>
      <DialogContent>
        {!plan && !error && <CircularProgress size={24} aria-label="Working out what will be erased" />}
        {plan && (
          <Stack spacing={1.5}>
            <Typography>
              For a privacy request: this deletes everything Pairwise holds about {plan.person.fullName} ({plan.person.email}) in {plan.person.programName}. It cannot be undone.
            </Typography>
            <Box component="ul" sx={{ my: 0, pl: 3 }}>
              {erasureLines(plan).map((line) => (
                <Typography component="li" variant="body2" key={line}>{line}</Typography>
              ))}
            </Box>
            <Typography variant="body2">The workspace file is then compacted, so the erased bytes are gone from it.</Typography>
            {plan.backups.length > 0 && (
              <Alert severity="warning">
                Backups Pairwise made before upgrades still hold their data: {plan.backups.join(', ')}. Delete them if the request covers them.
              </Alert>
            )}
            <Typography variant="body2" color="text.secondary">
              To take them out of this cohort only and keep their history, use Remove from cohort instead.
            </Typography>
          </Stack>
        )}
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>Cancel</Button>
        <Button variant="contained" color="error" disabled={!plan || busy} onClick={() => void erase()}>
          Erase {member.fullName}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface Form {
  fullName: string;
  email: string;
  role: 'mentor' | 'mentee';
  capacity: string;
  timezone: string;
  department: string;
  team: string;
  managerEmail: string;
  seniorityYears: string;
  languages: string;
  interests: string;
  expertise: string;
  goals: string;
  bio: string;
  availability: string;
}

const toForm = (m: Member): Form => ({
  fullName: m.fullName,
  email: m.email,
  role: m.role,
  capacity: String(m.capacity),
  timezone: m.timezone ?? '',
  department: m.department ?? '',
  team: m.team ?? '',
  managerEmail: m.managerEmail ?? '',
  seniorityYears: m.seniorityYears === null ? '' : String(m.seniorityYears),
  languages: m.languages.join(', '),
  interests: m.interests.join(', '),
  expertise: m.expertise.join(', '),
  goals: m.goals,
  bio: m.bio,
  availability: m.availability.map((w) => `${DAYS[w.day]} ${clock(w.start)}-${clock(w.end)}`).join('; '),
});

const list = (text: string) => text.split(/[,;]/).map((s) => s.trim()).filter(Boolean);

function toPatch(form: Form): Patch | string {
  const capacity = Number(form.capacity);
  if (!Number.isInteger(capacity) || capacity < 0) return 'Capacity must be a whole number, 0 or more';
  const years = form.seniorityYears.trim() === '' ? null : Number(form.seniorityYears);
  if (years !== null && (!Number.isFinite(years) || years < 0)) return 'Years of experience must be a number, 0 or more';
  return {
    fullName: form.fullName,
    email: form.email,
    role: form.role,
    capacity,
    timezone: form.timezone.trim() || null,
    department: form.department,
    team: form.team,
    managerEmail: form.managerEmail.trim() || null,
    seniorityYears: years,
    languages: list(form.languages),
    interests: list(form.interests),
    expertise: list(form.expertise),
    goals: form.goals,
    bio: form.bio,
    availabilityText: form.availability,
  };
}

/** Edit one participant. Saves write only what changed; the snackbar offers to undo the save. */
export function MemberDrawer({ member, onClose, onSaved }: { member: Member | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const notify = useNotify();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<'remove' | 'erase' | null>(null);
  useEffect(() => {
    setForm(member ? toForm(member) : null);
    setError(null);
    setAsking(null);
  }, [member]);

  const remove = async () => {
    if (!member) return;
    setAsking(null);
    setBusy(true);
    try {
      await api.call('members.remove', { id: member.id });
      notify({ severity: 'success', message: `${member.fullName} was removed from this cohort; their history is kept.` });
      await onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async (patch: Patch, message: string) => {
    if (!member) return;
    setBusy(true);
    setError(null);
    const before = toPatch(toForm(member));
    const beforeApproval = member.approval;
    try {
      await api.call('members.update', { id: member.id, patch });
      await onSaved();
      notify({
        severity: 'success',
        message,
        undo: async () => {
          if (typeof before === 'string') return;
          await api.call('members.update', { id: member.id, patch: { ...before, approval: beforeApproval } });
          await onSaved();
        },
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Form, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      size="small"
      label={label}
      value={form?.[key] ?? ''}
      onChange={(e) => setForm((f) => (f ? { ...f, [key]: e.target.value } : f))}
      fullWidth
      {...extra}
    />
  );

  return (
    <Drawer anchor="right" open={member !== null} onClose={onClose} sx={{ zIndex: (t) => t.zIndex.modal }} slotProps={{ paper: { sx: { width: 440 } } }}>
      {member && form && (
        <Box component="form" role="dialog" aria-label={`Participant ${member.fullName}`} sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}
          onSubmit={(e) => {
            e.preventDefault();
            const patch = toPatch(form);
            if (typeof patch === 'string') setError(patch);
            else void save(patch, `Saved ${form.fullName}`);
          }}
        >
          <Stack sx={{ alignItems: 'center' }} direction="row">
            <Box sx={{ flex: 1 }}>
              <Typography variant="h6">{member.fullName}</Typography>
              <Stack direction="row" spacing={1}>
                <Chip size="small" label={member.role} color={member.role === 'mentor' ? 'primary' : 'secondary'} variant="outlined" />
                {member.role === 'mentor' && <Chip size="small" label={`approval: ${member.approval}`} color={member.approval === 'approved' ? 'success' : member.approval === 'pending' ? 'warning' : 'default'} />}
              </Stack>
            </Box>
            <IconButton aria-label="Close" onClick={onClose}><CloseIcon /></IconButton>
          </Stack>

          {member.role === 'mentor' && (
            <Stack direction="row" spacing={1}>
              <Button variant="contained" color="success" disabled={busy || member.approval === 'approved'} onClick={() => void save({ approval: 'approved' }, `${member.fullName} approved as a mentor`)}>
                Approve mentor
              </Button>
              <Button variant="outlined" color="inherit" disabled={busy || member.approval === 'rejected'} onClick={() => void save({ approval: 'rejected' }, `${member.fullName} not approved`)}>
                Reject
              </Button>
            </Stack>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <Divider />
          {field('fullName', 'Full name')}
          {field('email', 'Email', { type: 'email' })}
          <Stack direction="row" spacing={2}>
            {field('role', 'Role', { select: true, children: [<MenuItem key="mentor" value="mentor">Mentor</MenuItem>, <MenuItem key="mentee" value="mentee">Mentee</MenuItem>] })}
            {form.role === 'mentor' && field('capacity', 'Max mentees', { type: 'number', slotProps: { htmlInput: { min: 0, max: 50 } } })}
          </Stack>
          {field('timezone', 'Time zone', { helperText: 'IANA name (Europe/Berlin) or offset (UTC+05:30)' })}
          <Stack direction="row" spacing={2}>
            {field('department', 'Department')}
            {field('team', 'Team')}
          </Stack>
          <Stack direction="row" spacing={2}>
            {field('seniorityYears', 'Years of experience', { type: 'number' })}
            {field('managerEmail', 'Manager email')}
          </Stack>
          {field('languages', 'Languages', { helperText: 'Comma-separated' })}
          {form.role === 'mentee' ? field('interests', 'Interests', { helperText: 'Comma-separated' }) : field('expertise', 'Expertise', { helperText: 'Comma-separated' })}
          {form.role === 'mentee' ? field('goals', 'Goals', { multiline: true, minRows: 2 }) : field('bio', 'Bio', { multiline: true, minRows: 2 })}
          {field('availability', 'Weekly availability (their local time)', { helperText: 'Like "Tue 08:00-09:30; Thu 18:00-19:00" or "weekdays 9-10"', multiline: true })}
          <Stack sx={{ justifyContent: 'flex-end' }} direction="row" spacing={1}>
            <Button onClick={onClose}>Close</Button>
            <Button type="submit" variant="contained" disabled={busy}>Save changes</Button>
          </Stack>

          <Divider />
          <Box>
            <Typography variant="subtitle2">Remove or erase</Typography>
            <Typography variant="body2" color="text.secondary">
              Remove from cohort takes them out of this cohort; their details and history stay in the workspace. Erase person deletes their
              details from the whole program and from the change log, for a privacy request; it cannot be undone.
            </Typography>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button variant="outlined" color="inherit" disabled={busy} onClick={() => setAsking('remove')}>Remove from cohort</Button>
              <Button variant="outlined" color="error" disabled={busy} onClick={() => setAsking('erase')}>Erase person…</Button>
            </Stack>
          </Box>
        </Box>
      )}
      {member && (
        <Dialog open={asking === 'remove'} onClose={() => setAsking(null)} aria-labelledby="remove-title" sx={aboveDrawer}>
          <DialogTitle id="remove-title">Remove {member.fullName} from this cohort?</DialogTitle>
          <DialogContent>
            <Typography>
              They leave this cohort's participants and its next runs. Their details and history stay in the workspace, and importing them
              again brings them back. To delete their data for good, use Erase person.
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setAsking(null)}>Cancel</Button>
            <Button variant="contained" onClick={() => void remove()} autoFocus>Remove from cohort</Button>
          </DialogActions>
        </Dialog>
      )}
      {member && asking === 'erase' && <EraseDialog member={member} onCancel={() => setAsking(null)} onErased={onSaved} />}
    </Drawer>
  );
}
