import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { UserError } from '../errors';
import { parseMailbox } from '../files/eml';
import type { remindersContract } from './contract';
import { getMailSettings, saveMailSettings } from './mail-settings';
import { reminderMessages } from './messages';
import { emlZip, sendSmtp } from './send';
import { recordSent } from './sent-log';
import { getTemplates, PLACEHOLDERS, programOf, saveTemplate } from './templates';

const withPlaceholders = <T extends object>(templates: T) => ({
  ...templates,
  placeholders: Object.entries(PLACEHOLDERS).map(([name, p]) => ({ name, about: p.about, kinds: [...p.kinds] })),
});

/** The core keeps no password: the app shells answer these (src/core/reminders/password.ts). */
const NO_PASSWORD = { kept: false, storage: 'none' as const };

export function remindersHandlers({ store, now }: CoreContext): SliceHandlers<typeof remindersContract> {
  return {
    'reminders.templates': (input) => withPlaceholders(getTemplates(store, input.cohortId)),
    'reminders.saveTemplate': (input) => withPlaceholders(saveTemplate(store, input.cohortId, input.kind, input.template)),
    'reminders.mailSettings': () => getMailSettings(store),
    'reminders.saveMailSettings': (input) => saveMailSettings(store, input),
    'reminders.preview': (input) => reminderMessages(store, input.cohortId, now()),
    'reminders.send': async (input) => {
      const at = now();
      const { messages } = await reminderMessages(store, input.cohortId, at);
      // Without a choice, what was sent already is left out; chosen keys are sent as asked (a re-send).
      const chosen = input.keys ? messages.filter((m) => input.keys!.includes(m.key)) : messages.filter((m) => !m.alreadySent);
      if (chosen.length === 0) {
        throw new UserError(messages.length === 0 ? 'No email to send: nothing is due for this cohort now' : 'No email to send: every email due now was sent already');
      }
      const settings = getMailSettings(store);
      if (input.via === 'eml') {
        if (!settings) throw new UserError('Enter a From address under Outgoing mail first: the emails need a sender');
        const zipped = await emlZip(await parseMailbox(settings.from, 'From'), chosen, at, programOf(store, input.cohortId).cohortName);
        recordSent(store, input.cohortId, chosen, 'eml', at);
        return {
          via: 'eml' as const,
          sent: chosen.map((m) => ({ key: m.key, to: m.to.map((t) => t.address), messageId: '' })),
          failed: [],
          file: { fileName: zipped.fileName, mimeType: 'application/zip', dataBase64: Buffer.from(zipped.zip).toString('base64') },
          files: zipped.files.map((f) => ({ fileName: f.fileName, dataBase64: Buffer.from(f.bytes).toString('base64') })),
        };
      }
      if (!settings?.host) throw new UserError('No SMTP server is set: set one under Outgoing mail, or save the emails as .eml files');
      const outcome = await sendSmtp(settings, input.password, chosen, at);
      const delivered = new Set(outcome.sent.map((s) => s.key));
      recordSent(store, input.cohortId, chosen.filter((m) => delivered.has(m.key)), 'smtp', at);
      return { via: 'smtp' as const, ...outcome, file: null, files: [] };
    },
    'reminders.passwordStatus': () => NO_PASSWORD,
    'reminders.forgetPassword': () => NO_PASSWORD,
  };
}
