import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, cohortOptions, findCohort, noPositionals, parse, required, usage, withApi, type Output } from './api';

/**
 * `remind --cohort NAME [--send | --eml DIR] [--json]`: the reminder and nudge emails due now, previewed;
 * --send sends them through the workspace's SMTP server (the password from PAIRWISE_SMTP_PASSWORD, never
 * a flag, which other users could read in the process list); --eml DIR saves them as .eml files.
 */
export async function remindCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, send: { type: 'boolean' }, eml: { type: 'string' }, again: { type: 'boolean' }, json: { type: 'boolean' } });
  noPositionals('remind', positionals);
  required(values.cohort, '--cohort');
  if (values.send && values.eml !== undefined) throw usage('remind takes --send or --eml DIR, not both');
  const password = process.env.PAIRWISE_SMTP_PASSWORD;
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const preview = await api.call('reminders.preview', { cohortId: cohort.id });
    if (!values.send && values.eml === undefined) {
      if (values.json) io.out(JSON.stringify(preview, null, 2));
      else if (preview.messages.length === 0) io.out(`Nothing is due in ${cohort.name}: no email to send.`);
      else {
        for (const m of preview.messages) {
          const sent = m.lastSent ? `  [sent ${m.lastSent.at.slice(0, 16).replace('T', ' ')} UTC${m.lastSent.via === 'eml' ? ' as .eml' : ''}${m.alreadySent ? '' : ', due again'}]` : '';
          io.out(`${m.kind}  ${m.to.map((t) => t.address).join(', ')}  (${m.reason})${sent}\n  Subject: ${m.subject}\n${m.text.replace(/^/gm, '  | ')}\n`);
        }
        io.out(`${preview.messages.length} email${preview.messages.length === 1 ? '' : 's'} due. Send them with --send, or save them with --eml DIR.`);
      }
      return 0;
    }
    // What went out already is left out, unless --again sends every email due now once more.
    const fresh = preview.messages.filter((m) => !m.alreadySent);
    const chosen = values.again ? preview.messages : fresh;
    if (chosen.length === 0) {
      const before = preview.messages.length;
      io.out(
        values.json
          ? JSON.stringify({ sent: [], failed: [] })
          : before === 0
            ? `Nothing is due in ${cohort.name}: no email to send.`
            : `Nothing new to send in ${cohort.name}: the ${before} email${before === 1 ? '' : 's'} due now went out already (--again sends them once more).`,
      );
      return 0;
    }
    const result = await api.call('reminders.send', {
      cohortId: cohort.id,
      via: values.send ? 'smtp' : 'eml',
      keys: chosen.map((m) => m.key),
      ...(values.send && password ? { password } : {}),
    });
    if (values.eml !== undefined) {
      try {
        mkdirSync(values.eml, { recursive: true });
        for (const f of result.files) writeFileSync(join(values.eml, f.fileName), Buffer.from(f.dataBase64, 'base64'));
      } catch (error) {
        throw new CliError(`Cannot write to ${values.eml}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
      }
    }
    if (values.json) io.out(JSON.stringify({ sent: result.sent, failed: result.failed, files: result.files.map((f) => f.fileName) }, null, 2));
    else if (values.eml !== undefined) io.out(`Saved ${result.files.length} email${result.files.length === 1 ? '' : 's'} in ${values.eml}`);
    else io.out(`Sent ${result.sent.length} email${result.sent.length === 1 ? '' : 's'}${result.failed.length ? `, ${result.failed.length} failed` : ''}.`);
    for (const f of result.failed) io.err(`not sent to ${f.to.join(', ')}: ${f.error}`);
    return result.failed.length > 0 ? 1 : 0;
  });
}
