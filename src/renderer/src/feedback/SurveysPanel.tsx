import { useEffect, useState } from 'react';
import {
  Alert, Box, Button, Chip, List, ListItem, ListItemButton, ListItemText, Paper, Stack, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import LockIcon from '@mui/icons-material/LockOutlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, type MethodOutput } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { downloadFile } from '../components/download';
import { useNotify } from '../components/Notifier';
import { AnswersImportDialog } from '../forms/AnswersImportDialog';
import { ProblemList } from '../import/ImportTables';
import { SurveyDialog } from './SurveyDialog';
import { SurveyResultsView } from './SurveyResultsView';

type Survey = MethodOutput<'feedback.surveys'>[number];

const MIME = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Says on every screen whether answers are anonymous or kept with names. */
export function KindChip({ survey }: { survey: Pick<Survey, 'anonymous'> }) {
  return survey.anonymous ? <Chip size="small" color="success" variant="outlined" label="Anonymous" /> : <Chip size="small" color="warning" label="Attributed: answers kept with names" />;
}

function answersText(s: Survey) {
  if (!s.hasResponses) return `no answers yet · ${s.invited} invited`;
  return s.responses === null ? `fewer than ${s.minGroupSize} answers · ${s.invited} invited` : `${s.responses} answers · ${s.invited} invited`;
}

export function SurveysPanel({ cohortId, cohortName }: { cohortId: string; cohortName: string }) {
  const surveys = useQuery('feedback.surveys', { cohortId });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'new' | 'edit' | 'import' | 'close' | 'delete' | null>(null);
  const notify = useNotify();
  const list = surveys.data ?? [];
  const selected = list.find((s) => s.id === selectedId) ?? list[0];
  const results = useQuery('feedback.results', selected ? { surveyId: selected.id } : null);
  useEffect(() => {
    if (!selectedId && list[0]) setSelectedId(list[0].id);
  }, [list, selectedId]);
  const refresh = async () => {
    await surveys.reload();
    await results.reload();
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    try {
      const file = await api.call('feedback.exportResults', { surveyId: selected!.id, format });
      downloadFile({ ...file, mimeType: MIME[format] });
    } catch (e) {
      notify({ message: (e as Error).message, severity: 'error' });
    }
  };
  const remove = async () => {
    setDialog(null);
    try {
      await api.call('feedback.removeSurvey', { surveyId: selected!.id });
      notify({ message: `Deleted “${selected!.title}” and its answers.`, severity: 'success' });
      setSelectedId(null);
      await surveys.reload();
    } catch (e) {
      notify({ message: (e as Error).message, severity: 'error' });
    }
  };
  const close = async () => {
    setDialog(null);
    try {
      await api.call('feedback.closeSurvey', { surveyId: selected!.id });
      notify({ message: `Closed “${selected!.title}”: its results are shown below.`, severity: 'success' });
      await refresh();
    } catch (e) {
      notify({ message: (e as Error).message, severity: 'error' });
    }
  };

  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Paper variant="outlined" sx={{ width: 300, flexShrink: 0, position: 'sticky', top: 0 }}>
        <Box sx={{ p: 1.5, display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>Surveys</Typography>
          <Button size="small" startIcon={<AddIcon />} onClick={() => setDialog('new')}>New survey</Button>
        </Box>
        {surveys.error && <Alert severity="error">{surveys.error.message}</Alert>}
        {surveys.data && list.length === 0 && <Typography sx={{ px: 2, pb: 2 }} color="text.secondary">No surveys for {cohortName} yet.</Typography>}
        <List dense aria-label="Surveys" sx={{ pt: 0 }}>
          {list.map((s) => (
            <ListItem key={s.id} disablePadding>
            <ListItemButton selected={s.id === selected?.id} onClick={() => setSelectedId(s.id)}>
              <ListItemText
                primary={s.title}
                secondary={
                  <Stack component="span" direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5, alignItems: 'center' }}>
                    <KindChip survey={s} />
                    <Chip size="small" label={s.closedAt ? 'Closed' : 'Open'} />
                    <Typography component="span" variant="caption">{answersText(s)}</Typography>
                  </Stack>
                }
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItemButton>
            </ListItem>
          ))}
        </List>
      </Paper>
      {selected && (
        <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }} component="section" aria-label={`Survey ${selected.title}`}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h2" sx={{ mr: 1 }}>{selected.title}</Typography>
            <KindChip survey={selected} />
            <Box sx={{ flex: 1 }} />
            <Button startIcon={<EditIcon />} onClick={() => setDialog('edit')}>Edit</Button>
            {!selected.closedAt && <Button startIcon={<UploadIcon />} variant="contained" onClick={() => setDialog('import')}>Import answers</Button>}
            {!selected.closedAt && <Button startIcon={<LockIcon />} disabled={!selected.hasResponses} onClick={() => setDialog('close')}>Close survey</Button>}
            <Button color="error" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>Delete</Button>
            {results.data?.shown && (
              <>
                <Button startIcon={<DownloadIcon />} onClick={() => void exportAs('csv')}>CSV</Button>
                <Button startIcon={<DownloadIcon />} onClick={() => void exportAs('xlsx')}>Excel</Button>
              </>
            )}
          </Stack>
          {!selected.anonymous && <Alert severity="warning">Attributed survey: answers are kept with respondents’ names.</Alert>}
          <Typography variant="body2" color="text.secondary">
            {selected.questions.length} questions · asks {selected.roles.map((r) => `${r}s`).join(' and ')} of {cohortName} · breakdowns by {selected.groupBy.join(', ') || 'nothing'} · groups smaller than {selected.minGroupSize} are hidden
          </Typography>
          {results.error && <Alert severity="error">{results.error.message}</Alert>}
          {results.data && <SurveyResultsView results={results.data} />}
        </Stack>
      )}
      {(dialog === 'new' || dialog === 'edit') && (
        <SurveyDialog
          cohortId={cohortId}
          survey={dialog === 'edit' ? selected : undefined}
          onClose={() => setDialog(null)}
          onSaved={(s) => {
            setDialog(null);
            setSelectedId(s.id);
            void refresh();
          }}
        />
      )}
      {dialog === 'import' && selected && (
        <AnswersImportDialog
          title={`Import answers to “${selected.title}” (${selected.anonymous ? 'anonymous' : 'attributed: answers kept with names'})`}
          what="the survey form's export"
          preview={(file, mapping) => api.call('feedback.previewResponses', { surveyId: selected.id, ...file, ...(mapping ? { mapping } : {}) })}
          commit={(file, mapping, skipInvalid) => api.call('feedback.importResponses', { surveyId: selected.id, ...file, mapping, skipInvalid })}
          extraChips={(preview) => (
            <>
              {selected.anonymous ? <Chip color="success" variant="outlined" label="Emails are checked, then discarded" /> : <Chip color="warning" label="Attributed: kept with names" />}
              {/* A re-import erases the answers it replaces for good (nothing to undo): say so before the import button. */}
              {selected.hasResponses && (
                <Alert severity="warning" sx={{ py: 0, flexBasis: '100%' }}>
                  Importing replaces the {selected.responses ?? ''} answers imported before: they are erased and cannot be brought back.
                </Alert>
              )}
              {((preview as { notes?: string[] }).notes ?? []).map((note) => (
                <Alert key={note} severity="info" sx={{ py: 0, flexBasis: '100%' }}>{note}</Alert>
              ))}
            </>
          )}
          done={(result) => (
            <Stack spacing={1.5}>
              <Alert severity="success" aria-label="Answers imported">
                Imported {result.imported} answer{result.imported === 1 ? '' : 's'}
                {result.replaced > 0 ? `, replacing the ${result.replaced} of the last import` : ''}.
                {selected.anonymous ? ' No email, name or order was kept with them.' : ''}
              </Alert>
              {result.problems.length > 0 && <ProblemList problems={result.problems} label="Skipped rows and their problems" sx={{ maxHeight: 200 }} />}
            </Stack>
          )}
          onClose={() => setDialog(null)}
          onImported={() => void refresh()}
        />
      )}
      <ConfirmDialog open={dialog === 'delete'} title={`Delete “${selected?.title ?? ''}”?`} confirmLabel="Delete survey" color="error" onCancel={() => setDialog(null)} onConfirm={() => void remove()}>
        The survey, its questions and {selected?.hasResponses ? 'all its answers' : 'its settings'} are deleted; the answers cannot be recovered.
      </ConfirmDialog>
      <ConfirmDialog open={dialog === 'close'} title={`Close “${selected?.title ?? ''}”?`} confirmLabel="Close survey" color="warning" onCancel={() => setDialog(null)} onConfirm={() => void close()}>
        Its results become visible and its answers can no longer be imported or replaced. Closing cannot be undone: comparing results before and after a late answer could single it out.
      </ConfirmDialog>
    </Stack>
  );
}
