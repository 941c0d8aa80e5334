import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Divider, Drawer, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { api, type MethodInput, type MethodOutput } from '../api/client';
import { useNotify } from './Notifier';

type Member = MethodOutput<'members.list'>[number];
type Patch = MethodInput<'members.update'>['patch'];

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
  };
}

/** Edit one participant. Saves write only what changed; the snackbar offers to undo the save. */
export function MemberDrawer({ member, onClose, onSaved }: { member: Member | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const notify = useNotify();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setForm(member ? toForm(member) : null);
    setError(null);
  }, [member]);

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
          <Box>
            <Typography variant="body2" color="text.secondary">Weekly availability (local time)</Typography>
            <Typography variant="body2">
              {member.availability.length === 0 ? 'Not given' : member.availability.map((w) => `${DAYS[w.day]} ${clock(w.start)}–${clock(w.end)}`).join(' · ')}
            </Typography>
          </Box>
          <Stack sx={{ justifyContent: 'flex-end' }} direction="row" spacing={1}>
            <Button onClick={onClose}>Close</Button>
            <Button type="submit" variant="contained" disabled={busy}>Save changes</Button>
          </Stack>
        </Box>
      )}
    </Drawer>
  );
}
