import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

export const ReminderKind = z.enum(['reminder', 'nudge']);

const TemplateText = z.object({
  subject: z.string().trim().min(1, 'A subject is required').max(300, 'The subject is longer than 300 characters'),
  body: z.string().trim().min(1, 'A body is required').max(10_000, 'The body is longer than 10,000 characters'),
});
const StoredTemplate = TemplateText.extend({ custom: z.boolean() });
const Templates = z.object({
  reminder: StoredTemplate,
  nudge: StoredTemplate,
  placeholders: z.array(z.object({ name: z.string(), about: z.string(), kinds: z.array(ReminderKind) })),
});

export const MailSettings = z.object({
  host: z.string().max(253).nullable(),
  port: z.number().int().nullable(),
  secure: z.boolean(),
  username: z.string().max(320).nullable(),
  from: z.string().max(400),
});

const Mailbox = z.object({ name: z.string(), address: z.string() });

export const ReminderMessage = z.object({
  key: z.string(),
  kind: ReminderKind,
  pairId: z.string(),
  reason: z.string(),
  to: z.array(Mailbox),
  subject: z.string(),
  text: z.string(),
  lastSent: z.object({ at: z.string(), via: z.enum(['smtp', 'eml']) }).nullable(),
  alreadySent: z.boolean(),
});

/** Where the SMTP password can be kept on this side: Electron's safeStorage, a 0600 file (web, when asked), or nowhere. */
export const PasswordStatus = z.object({ kept: z.boolean(), storage: z.enum(['keychain', 'file', 'none']) });

const SavedFile = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() });

export const remindersContract = defineContract({
  'reminders.templates': { input: z.object({ cohortId: Id }), output: Templates },
  /** Saves the program's reminder or nudge template (null: back to the default); an unknown placeholder is refused by name. */
  'reminders.saveTemplate': { input: z.object({ cohortId: Id, kind: ReminderKind, template: TemplateText.nullable() }), output: Templates },
  /** The workspace's outgoing mail server, or null when none is set (emails are then saved as .eml files). */
  'reminders.mailSettings': { input: z.object({}), output: MailSettings.nullable() },
  'reminders.saveMailSettings': { input: MailSettings, output: MailSettings },
  /** The emails due now: reminders of sessions in the next 48 h (each person's own time) and nudges to pairs past their cadence. */
  'reminders.preview': { input: z.object({ cohortId: Id }), output: z.object({ asOf: z.string(), from: z.string().nullable(), messages: z.array(ReminderMessage) }) },
  /**
   * Sends the previewed emails (all, or those in `keys`) through the SMTP server, or saves them as .eml
   * files. The password is used for this send only; `rememberPassword` asks the app (not the workspace)
   * to keep it: Electron's safeStorage, or in web mode a file readable only by you beside the workspace.
   */
  'reminders.send': {
    input: z.object({
      cohortId: Id,
      keys: z.array(z.string().max(200)).max(100_000).optional(),
      via: z.enum(['smtp', 'eml']),
      password: z.string().max(1000).optional(),
      rememberPassword: z.boolean().optional(),
    }),
    output: z.object({
      via: z.enum(['smtp', 'eml']),
      sent: z.array(z.object({ key: z.string(), to: z.array(z.string()), messageId: z.string() })),
      failed: z.array(z.object({ key: z.string(), to: z.array(z.string()), error: z.string() })),
      /** eml: the messages zipped, and each file on its own (the CLI writes them to a folder). */
      file: SavedFile.nullable(),
      files: z.array(z.object({ fileName: z.string(), dataBase64: z.string() })),
    }),
  },
  /** Whether the app keeps an SMTP password, and where it could. Answered by the app shell (Electron, web bridge); the core alone keeps none. */
  'reminders.passwordStatus': { input: z.object({}), output: PasswordStatus },
  'reminders.forgetPassword': { input: z.object({}), output: PasswordStatus },
});
