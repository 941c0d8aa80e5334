import { useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Menu, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import AddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import { api } from '../api/client';
import { AddPersonDialog } from '../participants/AddPersonDialog';
import { downloadFile } from '../components/download';
import { useNotify } from '../components/Notifier';
import { useQuery } from '../api/hooks';
import type { MethodOutput } from '../api/client';
import { ImportWizard } from '../import/ImportWizard';
import { SampleButton } from '../components/SampleButton';
import { MemberDrawer } from '../components/MemberDrawer';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useWorkspace } from '../workspace';

export type Member = MethodOutput<'members.list'>[number];

const APPROVAL_COLOR = { approved: 'success', pending: 'warning', rejected: 'default' } as const;

const columns: Column<Member>[] = [
  { key: 'name', header: 'Name', width: 'minmax(150px, 1.3fr)', value: (m) => m.fullName },
  { key: 'email', header: 'Email', width: 'minmax(190px, 1.6fr)', value: (m) => m.email },
  {
    key: 'role', header: 'Role', width: '92px', value: (m) => m.role,
    render: (m) => <Chip size="small" label={m.role} color={m.role === 'mentor' ? 'primary' : 'secondary'} variant="outlined" />,
  },
  { key: 'timezone', header: 'Time zone', width: '150px', value: (m) => m.timezone },
  { key: 'capacity', header: 'Capacity', width: '84px', align: 'right', value: (m) => (m.role === 'mentor' ? m.capacity : null) },
  { key: 'department', header: 'Department', width: '112px', value: (m) => m.department },
  { key: 'years', header: 'Years', width: '64px', align: 'right', value: (m) => m.seniorityYears },
  { key: 'topics', header: 'Topics', width: 'minmax(140px, 1.3fr)', value: (m) => (m.role === 'mentor' ? m.expertise : m.interests).join(', ') || null },
  {
    key: 'approval', header: 'Approval', width: '100px', value: (m) => (m.role === 'mentor' ? m.approval : null),
    render: (m) => (m.role === 'mentor' ? <Chip size="small" label={m.approval} color={APPROVAL_COLOR[m.approval]} /> : '—'),
  },
];

const ALL = '';

export function ParticipantsPage() {
  const { cohort, cohortId, cohorts, reload: reloadWorkspace } = useWorkspace();
  const members = useQuery('members.list', cohortId ? { cohortId } : null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState(ALL);
  const [timezone, setTimezone] = useState(ALL);
  const [department, setDepartment] = useState(ALL);
  const [approval, setApproval] = useState(ALL);
  const [importOpen, setImportOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [addOpen, setAddOpen] = useState(false);
  const [exportAnchor, setExportAnchor] = useState<HTMLElement | null>(null);
  const notify = useNotify();

  const all = members.data ?? [];
  const options = useMemo(() => {
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
    return { timezones: distinct(all.map((m) => m.timezone)), departments: distinct(all.map((m) => m.department)) };
  }, [all]);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all.filter(
      (m) =>
        (role === ALL || m.role === role) &&
        (timezone === ALL || m.timezone === timezone) &&
        (department === ALL || m.department === department) &&
        (approval === ALL || (m.role === 'mentor' && m.approval === approval)) &&
        (needle === '' ||
          [m.fullName, m.email, m.department ?? '', m.team ?? '', ...m.interests, ...m.expertise].some((text) => text.toLowerCase().includes(needle))),
    );
  }, [all, search, role, timezone, department, approval]);

  const afterChange = async () => {
    await Promise.all([members.reload(), reloadWorkspace()]);
  };
  // Approval is a mentor's (the grid shows it for mentors only): the bulk actions take the pending mentors shown.
  const pendingShown = rows.filter((m) => m.role === 'mentor' && m.approval === 'pending');

  /** Approves or rejects every pending mentor shown, in one step, with Undo. */
  const decideShown = async (approval: 'approved' | 'rejected') => {
    try {
      const { before } = await api.call('members.setApprovals', { changes: pendingShown.map((m) => ({ id: m.id, approval })) });
      await afterChange();
      notify({
        severity: 'success',
        message: `${before.length} ${before.length === 1 ? 'mentor' : 'mentors'} ${approval}`,
        undo: async () => {
          await api.call('members.setApprovals', { changes: before });
          await afterChange();
        },
      });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  const exportLeftovers = async (format: 'csv' | 'xlsx') => {
    setExportAnchor(null);
    if (!cohortId) return;
    try {
      const file = await api.call('members.exportLeftovers', { cohortId, format });
      downloadFile(file);
      notify({ severity: 'success', message: `Saved ${file.fileName}` });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  if (cohorts.length === 0 || !cohort) {
    return (
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">Participants</Typography>
        <Paper variant="outlined" sx={{ p: 5, textAlign: 'center' }}>
          <Typography color="text.secondary" sx={{ mb: 2 }}>No cohort yet. Create one under Programs & cohorts, or start with the sample.</Typography>
          <SampleButton variant="contained" />
        </Paper>
      </Stack>
    );
  }

  const filterSelect = (label: string, value: string, onChange: (v: string) => void, items: { value: string; label: string }[]) => (
    <TextField select size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 140 }}>
      <MenuItem value={ALL}>All</MenuItem>
      {items.map((i) => <MenuItem key={i.value} value={i.value}>{i.label}</MenuItem>)}
    </TextField>
  );

  return (
    <Stack spacing={2} sx={{ flex: 1, minHeight: 0 }}>
      <Stack sx={{ alignItems: 'center' }} direction="row" spacing={2}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h5" component="h1">Participants</Typography>
          <Typography color="text.secondary" variant="body2" aria-live="polite">
            {cohort.name}: {cohort.mentorCount} mentors, {cohort.menteeCount} mentees{rows.length !== all.length ? ` · ${rows.length} shown` : ''}
          </Typography>
        </Box>
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={(e) => setExportAnchor(e.currentTarget)} aria-haspopup="menu">Not yet matched</Button>
        <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setAddOpen(true)}>Add person</Button>
        <Button variant="contained" startIcon={<UploadIcon />} onClick={() => setImportOpen(true)}>Import participants</Button>
      </Stack>
      <Menu anchorEl={exportAnchor} open={exportAnchor !== null} onClose={() => setExportAnchor(null)}>
        <Typography variant="caption" color="text.secondary" sx={{ px: 2, pb: 1, display: 'block', maxWidth: 320 }}>
          Mentees without a published pair and mentors with room for more
        </Typography>
        <MenuItem onClick={() => void exportLeftovers('csv')}>Save as CSV</MenuItem>
        <MenuItem onClick={() => void exportLeftovers('xlsx')}>Save as Excel (.xlsx)</MenuItem>
      </Menu>

      <Stack sx={{ flexWrap: 'wrap' }} direction="row" spacing={1.5} useFlexGap>
        <TextField size="small" label="Search participants" placeholder="Name, email, topic…" value={search} onChange={(e) => setSearch(e.target.value)} sx={{ minWidth: 260 }} />
        {filterSelect('Role', role, setRole, [{ value: 'mentor', label: 'Mentors' }, { value: 'mentee', label: 'Mentees' }])}
        {filterSelect('Time zone', timezone, setTimezone, options.timezones.map((t) => ({ value: t, label: t })))}
        {filterSelect('Department', department, setDepartment, options.departments.map((d) => ({ value: d, label: d })))}
        {filterSelect('Approval', approval, setApproval, [{ value: 'pending', label: 'Pending' }, { value: 'approved', label: 'Approved' }, { value: 'rejected', label: 'Rejected' }])}
        {pendingShown.length > 0 && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', ml: 'auto' }} role="group" aria-label="Decide for everyone shown">
            <Typography variant="body2" color="text.secondary">{pendingShown.length} pending {pendingShown.length === 1 ? 'mentor' : 'mentors'} shown:</Typography>
            <Button size="small" variant="outlined" color="success" onClick={() => void decideShown('approved')}>Approve all</Button>
            <Button size="small" variant="outlined" color="inherit" onClick={() => void decideShown('rejected')}>Reject all</Button>
          </Stack>
        )}
      </Stack>

      {members.error && <Alert severity="error">{members.error.message}</Alert>}

      {!members.loading && all.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 5, textAlign: 'center' }}>
          <Typography variant="h6">This cohort is empty</Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>Import the registration form's export (.csv or .xlsx).</Typography>
          <Button variant="contained" startIcon={<UploadIcon />} onClick={() => setImportOpen(true)}>Import participants</Button>
        </Paper>
      ) : (
        <Paper variant="outlined" sx={{ flex: 1, minHeight: 360, overflow: 'hidden' }}>
          <VirtualTable
            rows={rows}
            columns={columns}
            label="Participants"
            onOpen={(row) => setSelectedId(row.id)}
            empty={<Typography color="text.secondary">Nobody matches these filters.</Typography>}
          />
        </Paper>
      )}

      <AddPersonDialog
        open={addOpen} cohortId={cohort.id} cohortName={cohort.name} onClose={() => setAddOpen(false)}
        onAdded={async (name) => {
          setAddOpen(false);
          await afterChange();
          notify({ severity: 'success', message: `${name} added to ${cohort.name}` });
        }}
      />
      <ImportWizard open={importOpen} cohortId={cohort.id} cohortName={cohort.name} onClose={() => setImportOpen(false)} onImported={afterChange} />
      <MemberDrawer member={all.find((m) => m.id === selectedId) ?? null} onClose={() => setSelectedId(null)} onSaved={afterChange} />
    </Stack>
  );
}
