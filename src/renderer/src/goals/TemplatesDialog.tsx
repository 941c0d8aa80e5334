import { useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Divider, IconButton, List, ListItem, ListItemText, Stack, TextField, Tooltip, Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import AddIcon from '@mui/icons-material/AddOutlined';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import type { GoalTemplate } from './format';

interface Draft {
  id?: string;
  title: string;
  targetOffsetDays: string;
  milestones: { title: string; offsetDays: string }[];
}

const empty: Draft = { title: '', targetOffsetDays: '90', milestones: [{ title: '', offsetDays: '14' }] };

/** The program's goal templates: add, edit, remove, and apply one to every active pair of the cohort. */
export function TemplatesDialog(props: { programId: string; cohortId: string; cohortName: string; onClose: () => void; onApplied: () => void }) {
  const templates = useQuery('goals.listTemplates', { programId: props.programId });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [removing, setRemoving] = useState<GoalTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!draft) return;
      await api.call('goals.saveTemplate', {
        id: draft.id,
        programId: props.programId,
        title: draft.title,
        targetOffsetDays: draft.targetOffsetDays === '' ? null : Number(draft.targetOffsetDays),
        milestones: draft.milestones.filter((m) => m.title.trim() !== '').map((m) => ({ title: m.title, offsetDays: Number(m.offsetDays) })),
      });
      setDraft(null);
      await templates.reload();
    });
  const apply = (t: GoalTemplate) =>
    run(async () => {
      const result = await api.call('goals.applyTemplate', { templateId: t.id, cohortId: props.cohortId });
      notify({ severity: 'success', message: `"${t.title}" given to ${result.added} pairs${result.skipped ? ` (${result.skipped} already had it)` : ''}` });
      props.onApplied();
    });
  const remove = (t: GoalTemplate) =>
    run(async () => {
      setRemoving(null);
      await api.call('goals.removeTemplate', { id: t.id });
      await templates.reload();
    });
  const setMilestone = (i: number, patch: Partial<Draft['milestones'][number]>) =>
    setDraft((d) => d && { ...d, milestones: d.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="templates-title" fullWidth maxWidth="sm">
      <DialogTitle id="templates-title">Goal templates</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          A template gives one goal to the mentee of every active pair of {props.cohortName}, its dates counted from each pair's start. Pairs that already have it are skipped.
        </Typography>
        {templates.error && <Alert severity="error">{templates.error.message}</Alert>}
        {templates.data?.length === 0 && !draft && <Typography color="text.secondary">No templates yet.</Typography>}
        <List aria-label="Templates" disablePadding>
          {(templates.data ?? []).map((t) => (
            <ListItem key={t.id} divider sx={{ px: 0 }} secondaryAction={
              <Stack direction="row" spacing={1}>
                <Button size="small" variant="contained" disabled={busy} onClick={() => void apply(t)} aria-label={`Apply to cohort: ${t.title}`}>Apply to cohort</Button>
                <Button size="small" onClick={() => setDraft({ id: t.id, title: t.title, targetOffsetDays: t.targetOffsetDays === null ? '' : String(t.targetOffsetDays), milestones: t.milestones.map((m) => ({ title: m.title, offsetDays: String(m.offsetDays) })) })}>Edit</Button>
                <Tooltip title="Remove template"><IconButton aria-label={`Remove template ${t.title}`} onClick={() => setRemoving(t)}><DeleteIcon /></IconButton></Tooltip>
              </Stack>
            }>
              <ListItemText
                primary={t.title}
                secondary={`${t.milestones.map((m) => `${m.title} (day ${m.offsetDays})`).join(' · ') || 'no milestones'}${t.targetOffsetDays !== null ? ` · target day ${t.targetOffsetDays}` : ''}`}
                sx={{ pr: 32 }}
              />
            </ListItem>
          ))}
        </List>
        {draft ? (
          <Stack spacing={2} sx={{ mt: 2 }}>
            <Divider />
            <Typography variant="subtitle2" component="h3">{draft.id ? 'Edit template' : 'New template'}</Typography>
            <Stack direction="row" spacing={2}>
              <TextField label="Template goal" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} sx={{ flex: 2 }} />
              <TextField label="Target (days after start)" type="number" value={draft.targetOffsetDays} onChange={(e) => setDraft({ ...draft, targetOffsetDays: e.target.value })} sx={{ flex: 1 }} />
            </Stack>
            {draft.milestones.map((m, i) => (
              <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <TextField size="small" label={`Template milestone ${i + 1}`} value={m.title} onChange={(e) => setMilestone(i, { title: e.target.value })} sx={{ flex: 2 }} />
                <TextField size="small" label="Day" type="number" value={m.offsetDays} onChange={(e) => setMilestone(i, { offsetDays: e.target.value })} sx={{ width: 100 }} />
                <IconButton aria-label={`Remove template milestone ${i + 1}`} onClick={() => setDraft({ ...draft, milestones: draft.milestones.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
              </Stack>
            ))}
            <Stack direction="row" spacing={1}>
              <Button startIcon={<AddIcon />} onClick={() => setDraft({ ...draft, milestones: [...draft.milestones, { title: '', offsetDays: '30' }] })}>Add milestone</Button>
              <Stack sx={{ flex: 1 }} />
              <Button onClick={() => setDraft(null)}>Cancel</Button>
              <Button variant="contained" disabled={busy || draft.title.trim() === ''} onClick={() => void save()}>Save template</Button>
            </Stack>
          </Stack>
        ) : (
          <Button startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => setDraft(empty)}>New template</Button>
        )}
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
      <ConfirmDialog open={removing !== null} title="Remove this template?" confirmLabel="Remove template" color="error" onCancel={() => setRemoving(null)} onConfirm={() => void remove(removing!)}>
        {removing && `"${removing.title}" is removed from the program's templates. Goals already given from it stay.`}
      </ConfirmDialog>
    </Dialog>
  );
}
