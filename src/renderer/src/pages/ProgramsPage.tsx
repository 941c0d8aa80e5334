import { useState } from 'react';
import {
  Alert, Box, Button, Chip, FormControlLabel, IconButton, Paper, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/EditOutlined';
import ArchiveIcon from '@mui/icons-material/ArchiveOutlined';
import UnarchiveIcon from '@mui/icons-material/UnarchiveOutlined';
import PeopleIcon from '@mui/icons-material/PeopleAltOutlined';
import { api } from '../api/client';
import { NameDialog } from '../components/NameDialog';
import { useNotify } from '../components/Notifier';
import { SampleButton } from '../components/SampleButton';
import { navigate } from '../navigation';
import { useWorkspace, type Cohort, type Program } from '../workspace';

type DialogState =
  | { kind: 'new-program' }
  | { kind: 'rename-program'; program: Program }
  | { kind: 'new-cohort'; program: Program }
  | { kind: 'edit-cohort'; cohort: Cohort };

export function ProgramsPage() {
  const { programs, cohorts, reload, selectCohort, error } = useWorkspace();
  const notify = useNotify();
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [showArchived, setShowArchived] = useState(false);

  const archive = async (kind: 'programs.update' | 'cohorts.update', id: string, name: string, archived: boolean) => {
    try {
      await api.call(kind, { id, archived });
      await reload();
      notify({
        severity: 'success',
        message: `${name} ${archived ? 'archived' : 'restored'}`,
        undo: async () => {
          await api.call(kind, { id, archived: !archived });
          await reload();
        },
      });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  const visiblePrograms = programs.filter((p) => showArchived || !p.archived);

  return (
    <Stack spacing={2}>
      <Stack sx={{ alignItems: 'center' }} direction="row" spacing={2}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>Programs & cohorts</Typography>
        <FormControlLabel control={<Switch checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />} label="Show archived" />
        <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'new-program' })}>New program</Button>
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}

      {programs.length === 0 && !error && (
        <Paper variant="outlined" sx={{ p: 5, textAlign: 'center' }}>
          <Typography variant="h6">Welcome to Pairwise</Typography>
          <Typography color="text.secondary" sx={{ mb: 3, maxWidth: 560, mx: 'auto' }}>
            Create a program and a cohort, then import the registration form's CSV or Excel export. Or look around with a sample cohort of 24 mentors and 60 mentees.
          </Typography>
          <Stack sx={{ justifyContent: 'center' }} direction="row" spacing={2}>
            <SampleButton variant="contained" />
            <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'new-program' })}>New program</Button>
          </Stack>
        </Paper>
      )}

      {visiblePrograms.map((program) => {
        const programCohorts = cohorts.filter((c) => c.programId === program.id && (showArchived || !c.archived));
        return (
          <Paper key={program.id} variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Program ${program.name}`}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
                {program.name} {program.archived && <Chip size="small" label="Archived" sx={{ ml: 1 }} />}
              </Typography>
              <Tooltip title="Rename program">
                <IconButton aria-label={`Rename program ${program.name}`} onClick={() => setDialog({ kind: 'rename-program', program })}><EditIcon /></IconButton>
              </Tooltip>
              <Tooltip title={program.archived ? 'Restore program' : 'Archive program'}>
                <IconButton aria-label={`${program.archived ? 'Restore' : 'Archive'} program ${program.name}`} onClick={() => void archive('programs.update', program.id, program.name, !program.archived)}>
                  {program.archived ? <UnarchiveIcon /> : <ArchiveIcon />}
                </IconButton>
              </Tooltip>
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'new-cohort', program })}>New cohort</Button>
            </Stack>
            {programCohorts.length === 0 ? (
              <Typography color="text.secondary" sx={{ py: 1 }}>No cohorts yet. A cohort is one intake of mentors and mentees, e.g. "Spring 2027".</Typography>
            ) : (
              <Table size="small" aria-label={`Cohorts of ${program.name}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Cohort</TableCell>
                    <TableCell>Starts</TableCell>
                    <TableCell align="right">Mentors</TableCell>
                    <TableCell align="right">Mentees</TableCell>
                    <TableCell align="right">Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {programCohorts.map((cohort) => (
                    <TableRow key={cohort.id} hover>
                      <TableCell>
                        {cohort.name} {cohort.archived && <Chip size="small" label="Archived" sx={{ ml: 1 }} />}
                      </TableCell>
                      <TableCell>{cohort.startDate ?? '—'}</TableCell>
                      <TableCell align="right">{cohort.mentorCount}</TableCell>
                      <TableCell align="right">{cohort.menteeCount}</TableCell>
                      <TableCell align="right">
                        <Box sx={{ display: 'inline-flex', gap: 0.5 }}>
                          <Button size="small" startIcon={<PeopleIcon />} onClick={() => { selectCohort(cohort.id); navigate('participants'); }}>
                            Participants
                          </Button>
                          <Tooltip title="Rename cohort">
                            <IconButton size="small" aria-label={`Rename cohort ${cohort.name}`} onClick={() => setDialog({ kind: 'edit-cohort', cohort })}><EditIcon fontSize="small" /></IconButton>
                          </Tooltip>
                          <Tooltip title={cohort.archived ? 'Restore cohort' : 'Archive cohort'}>
                            <IconButton size="small" aria-label={`${cohort.archived ? 'Restore' : 'Archive'} cohort ${cohort.name}`} onClick={() => void archive('cohorts.update', cohort.id, cohort.name, !cohort.archived)}>
                              {cohort.archived ? <UnarchiveIcon fontSize="small" /> : <ArchiveIcon fontSize="small" />}
                            </IconButton>
                          </Tooltip>
                        </Box>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Paper>
        );
      })}

      <NameDialog
        open={dialog?.kind === 'new-program'}
        title="New program"
        label="Program name"
        submitLabel="Create program"
        onClose={() => setDialog(null)}
        onSubmit={async ({ name }) => {
          await api.call('programs.create', { name });
          await reload();
        }}
      />
      <NameDialog
        open={dialog?.kind === 'rename-program'}
        title="Rename program"
        label="Program name"
        initialName={dialog?.kind === 'rename-program' ? dialog.program.name : ''}
        submitLabel="Rename"
        onClose={() => setDialog(null)}
        onSubmit={async ({ name }) => {
          if (dialog?.kind !== 'rename-program') return;
          await api.call('programs.update', { id: dialog.program.id, name });
          await reload();
        }}
      />
      <NameDialog
        open={dialog?.kind === 'new-cohort'}
        title={dialog?.kind === 'new-cohort' ? `New cohort in ${dialog.program.name}` : 'New cohort'}
        label="Cohort name"
        withStartDate
        submitLabel="Create cohort"
        onClose={() => setDialog(null)}
        onSubmit={async ({ name, startDate }) => {
          if (dialog?.kind !== 'new-cohort') return;
          const cohort = await api.call('cohorts.create', { programId: dialog.program.id, name, startDate });
          await reload();
          selectCohort(cohort.id);
        }}
      />
      <NameDialog
        open={dialog?.kind === 'edit-cohort'}
        title="Edit cohort"
        label="Cohort name"
        withStartDate
        initialName={dialog?.kind === 'edit-cohort' ? dialog.cohort.name : ''}
        initialStartDate={dialog?.kind === 'edit-cohort' ? dialog.cohort.startDate : null}
        submitLabel="Save"
        onClose={() => setDialog(null)}
        onSubmit={async ({ name, startDate }) => {
          if (dialog?.kind !== 'edit-cohort') return;
          await api.call('cohorts.update', { id: dialog.cohort.id, name, startDate });
          await reload();
        }}
      />
    </Stack>
  );
}
