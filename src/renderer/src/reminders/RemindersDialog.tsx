import { useId, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Tab, Tabs } from '@mui/material';
import { useQuery } from '../api/hooks';
import { DueEmails } from './DueEmails';
import { MailSettingsTab } from './MailSettingsTab';
import { TemplatesTab } from './TemplatesTab';

type TabName = 'due' | 'templates' | 'mail';

/** Reminder and nudge emails for a cohort: what is due (previewed first), the templates, the outgoing mail server. */
export function RemindersDialog(props: { cohortId: string; cohortName: string; onClose: () => void }) {
  const [tab, setTab] = useState<TabName>('due');
  const preview = useQuery('reminders.preview', { cohortId: props.cohortId });
  const templates = useQuery('reminders.templates', { cohortId: props.cohortId });
  const settings = useQuery('reminders.mailSettings', {});
  const password = useQuery('reminders.passwordStatus', {});
  const titleId = useId();
  const error = preview.error ?? templates.error ?? settings.error;
  const ready = preview.data && templates.data && settings.data !== undefined;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId} sx={{ pb: 0 }}>Reminder emails — {props.cohortName}</DialogTitle>
      <Tabs value={tab} onChange={(_, next: TabName) => setTab(next)} sx={{ px: 3, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="due" label="Emails due" />
        <Tab value="templates" label="Templates" />
        <Tab value="mail" label="Outgoing mail" />
      </Tabs>
      <DialogContent sx={{ minHeight: 420 }}>
        {error && <Alert severity="error">{error.message}</Alert>}
        {!ready && !error && <LinearProgress aria-label="Loading" />}
        {ready && tab === 'due' && (
          <DueEmails
            cohortId={props.cohortId}
            preview={preview.data!}
            settings={settings.data!}
            password={password.data ?? null}
            onSent={() => void password.reload()}
            onSetUp={() => setTab('mail')}
          />
        )}
        {ready && tab === 'templates' && (
          <TemplatesTab cohortId={props.cohortId} templates={templates.data!} onSaved={() => { void templates.reload(); void preview.reload(); }} />
        )}
        {ready && tab === 'mail' && (
          <MailSettingsTab settings={settings.data!} password={password.data ?? null} onSaved={() => { void settings.reload(); void password.reload(); void preview.reload(); }} />
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, borderTop: 1, borderColor: 'divider' }}>
        <Box sx={{ flex: 1 }} />
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
