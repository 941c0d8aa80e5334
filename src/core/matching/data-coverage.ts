import type { Member } from '../domain/participant';
import { CRITERIA_TEXT } from './criteria-text';
import { criterionShares, type MatchSettings } from './settings';

/**
 * A rule or weight with no data to work on must never be silently inert: "time-zone rule on, but 300
 * people have no time zone". These checks read the members the run sees and say, in the coordinator's
 * words, which rules and weights miss data for whom. They become warnings of the run: in the summary, the
 * CLI's output and the saved run.
 */

const people = (n: number) => `${n} ${n === 1 ? 'person has' : 'people have'}`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

interface Need {
  /** Who the rule or weight needs the field from. */
  who: readonly Member[];
  has: (m: Member) => boolean;
  /** The field as "nobody has …" and as "N people have …" read it: "a time zone" / "no time zone". */
  field: readonly [some: string, none: string];
}

/** "rule on, but N people have no X: not applied to them" — or "does nothing" when nobody has it. */
function coverage(what: string, need: Need, effect: { some: string; all: string }): string | null {
  const missing = need.who.filter((m) => !need.has(m)).length;
  if (missing === 0 || need.who.length === 0) return null;
  if (missing === need.who.length) return `${what}, but nobody has ${need.field[0]}: ${effect.all}`;
  return `${what}, but ${people(missing)} ${need.field[1]}: ${effect.some}`;
}

export function dataCoverageWarnings(members: readonly Member[], settings: MatchSettings): string[] {
  const mentees = members.filter((m) => m.role === 'mentee');
  const mentors = members.filter((m) => m.role === 'mentor');
  const warnings: (string | null)[] = [];
  const rules = settings.rules;
  const tz = rules.timezone;
  const unknownEffect =
    rules.unknownTimezone === 'allow'
      ? { some: 'the rule is not applied to them (they may be paired across any time zones).', all: 'the rule does nothing.' }
      : { some: 'they are left unmatched.', all: 'nobody can be matched.' };
  if (tz.kind === 'max-offset-diff') {
    warnings.push(coverage(`Time-zone rule on (at most ${tz.hours} h apart)`, { who: members, has: (m) => m.timezone !== null, field: ['a time zone', 'no time zone'] }, unknownEffect));
  } else if (tz.kind === 'min-overlap') {
    warnings.push(coverage(`Time-zone rule on (at least ${tz.hours} h a week in common)`, { who: members, has: (m) => m.timezone !== null, field: ['a time zone', 'no time zone'] }, unknownEffect));
    warnings.push(
      coverage(`Time-zone rule on (at least ${tz.hours} h a week in common)`, { who: members, has: (m) => m.availability.length > 0, field: ['availability', 'no availability'] }, {
        some: 'they cannot meet the overlap and stay unmatched unless locked.',
        all: 'nobody can meet it.',
      }),
    );
  }
  if (rules.requireSharedLanguage) {
    warnings.push(
      coverage('Shared-language rule on', { who: members, has: (m) => m.languages.length > 0, field: ['languages', 'no languages'] }, { some: 'they cannot be paired with anyone.', all: 'nobody can be paired.' }),
    );
  }
  if (rules.excludeSameTeam) {
    warnings.push(coverage('"Never pair people in the same team" is on', { who: members, has: (m) => m.team !== null, field: ['a team', 'no team'] }, { some: 'the rule cannot check them.', all: 'the rule does nothing.' }));
  }
  if (rules.excludeReportingLine) {
    warnings.push(
      coverage('"Never pair a person and their manager" is on', { who: members, has: (m) => m.managerEmail !== null, field: ['a manager email', 'no manager email'] }, {
        some: 'the rule cannot check them.',
        all: 'the rule does nothing.',
      }),
    );
  }

  const { weight } = criterionShares(settings.criteria, settings.score);
  const weighted = (key: keyof typeof weight) => weight[key] > 0;
  const scoreEffect = { some: 'this part of their score is 0.', all: 'it adds nothing to any pair.' };
  const label = (key: keyof typeof weight) => `${CRITERIA_TEXT[key].label} weight ${percent(weight[key])}`;
  if (weighted('content')) {
    warnings.push(coverage(label('content'), { who: mentees, has: (m) => m.interests.length > 0 || m.goals.trim() !== '', field: ['interests or goals (mentees)', 'no interests or goals (mentees)'] }, scoreEffect));
    warnings.push(coverage(label('content'), { who: mentors, has: (m) => m.expertise.length > 0 || m.bio.trim() !== '', field: ['expertise or a bio (mentors)', 'no expertise or bio (mentors)'] }, scoreEffect));
  }
  if (weighted('language')) warnings.push(coverage(label('language'), { who: members, has: (m) => m.languages.length > 0, field: ['languages', 'no languages'] }, scoreEffect));
  if (weighted('seniority')) warnings.push(coverage(label('seniority'), { who: members, has: (m) => m.seniorityYears !== null, field: ['years of experience', 'no years of experience'] }, scoreEffect));
  if (weighted('department')) warnings.push(coverage(label('department'), { who: members, has: (m) => m.department !== null, field: ['a department', 'no department'] }, scoreEffect));
  if (weighted('availability')) {
    warnings.push(coverage(label('availability'), { who: members, has: (m) => m.availability.length > 0 && m.timezone !== null, field: ['availability with a time zone', 'no availability with a time zone'] }, scoreEffect));
  }
  return warnings.filter((w): w is string => w !== null);
}
