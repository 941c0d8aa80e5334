import { describe, expect, it } from 'vitest';
import { detectMapping, detectMappingWithNotes, rememberMapping, type ImportField } from '../../src/core/import/fields';

/**
 * Headers as form tools export them: Google Forms (question text, "Timestamp", "Email Address"),
 * Microsoft Forms ("ID", "Start time", "Completion time", "Email", "Name", then questions), Typeform
 * ("#", questions, "Start Date (UTC)", "Submit Date (UTC)", "Network ID") and Qualtrics (line 2's
 * question text; line 1's metadata names split from camelCase).
 */
const QUESTIONS: [header: string, field: ImportField | null][] = [
  // The brief's headers: each left blank before, so a run matched with no time-zone check.
  ['Are you joining as a mentor or a mentee?', 'role'],
  ['Which time zone are you in?', 'timezone'],
  ['What can you help with?', 'expertise'],
  ['When are you usually free?', 'availability'],
  ['What would you like to learn?', 'interests'],
  ['How many mentees can you take on?', 'capacity'],
  ['How many years of experience do you have?', 'seniorityYears'],
  ['Which languages do you speak?', 'languages'],
  ['Which department/team are you in?', 'department'],
  ['Who is your manager?', 'managerEmail'],
  // Names and emails.
  ['What is your name?', 'fullName'],
  ["What's your full name?", 'fullName'],
  ['First, what’s your name?', 'fullName'],
  ['Name (first and last)', 'fullName'],
  ['First and last name', 'fullName'],
  ['What is your first name?', 'firstName'],
  ['Last name / surname', 'lastName'],
  ['Family name', 'lastName'],
  ['What is your email address?', 'email'],
  ['Your work e-mail', 'email'],
  ['Contact email', 'email'],
  // Roles.
  ['Would you like to be a mentor or a mentee?', 'role'],
  ['Mentor / Mentee', 'role'],
  ['Mentee or mentor?', 'role'],
  ['I would like to participate as a…', 'role'],
  ['Do you want to mentor or be mentored?', 'role'],
  ['Your role in the programme', 'role'],
  ['I am registering as', 'role'],
  // Time zones.
  ['What time zone do you work in?', 'timezone'],
  ['Time-zone (e.g. GMT+1)', 'timezone'],
  ['Your timezone', 'timezone'],
  ['UTC offset', 'timezone'],
  // Capacity and seniority.
  ['How many mentees would you be able to support?', 'capacity'],
  ['Maximum number of mentees', 'capacity'],
  ['Max # of mentees', 'capacity'],
  ['If you are a mentor, how many mentees can you take at once?', 'capacity'],
  ['How many people can you mentor at the same time?', 'capacity'],
  ['Years of professional experience', 'seniorityYears'],
  ['How long have you been working in the industry?', 'seniorityYears'],
  ['Experience (years)', 'seniorityYears'],
  ['Yrs of exp.', 'seniorityYears'],
  // Organisation.
  ['What department do you work in?', 'department'],
  ['Business unit', 'department'],
  ['Which team are you on?', 'team'],
  ["Manager's email address", 'managerEmail'],
  ['Who do you report to?', 'managerEmail'],
  ['Line manager (email)', 'managerEmail'],
  // Languages.
  ['Languages spoken (select all that apply)', 'languages'],
  ['Which language(s) are you comfortable being mentored in?', 'languages'],
  // Topics.
  ['What can you help mentees with?', 'expertise'],
  ['What topics could you mentor on?', 'expertise'],
  ['Areas you can offer guidance in', 'expertise'],
  ['What are your strengths?', 'expertise'],
  ['What would you be comfortable mentoring on?', 'expertise'],
  ['What would you like help with?', 'interests'],
  ['Which skills do you want to develop?', 'interests'],
  ['Which topics would you like to be mentored on?', 'interests'],
  ['Areas for development', 'interests'],
  ['What topics interest you?', 'interests'],
  ['What do you hope to get out of the program?', 'goals'],
  ['What are your learning goals?', 'goals'],
  ['Why do you want to join?', 'goals'],
  ['Tell us a little about yourself', 'bio'],
  ['Describe your professional background', 'bio'],
  // Availability.
  ['What times work best for you to meet?', 'availability'],
  ['Preferred meeting days/times (your local time)', 'availability'],
  ['When can you meet?', 'availability'],
  // Not fields: form metadata and other questions.
  ['Timestamp', null],
  ['ID', null],
  ['Start time', null],
  ['Completion time', null],
  ['Last modified time', null],
  ['#', null],
  ['Start Date (UTC)', null],
  ['Submit Date (UTC)', null],
  ['Network ID', null],
  ['Tags', null],
  ['StartDate', null],
  ['IPAddress', null],
  ['Duration (in seconds)', null],
  ['ResponseId', null],
  ['UserLanguage', null],
  ['DistributionChannel', null],
  ['LocationLatitude', null],
  ['Score', null],
  ['Job title', null],
  ['What is your current role?', null],
  ['Location', null],
  ['Pronouns', null],
  ['How did you hear about the programme?', null],
  ['Anything else we should know?', null],
  ['LinkedIn profile URL', null],
  ['Which programming languages do you use?', null],
  ['Are you a people manager?', null],
  ['Does your manager know you are applying?', null],
  ['Would you prefer a mentor from another department?', null],
  ['I agree to the privacy notice', null],
  ['Problem', null],
];

describe('recognising question-style headers', () => {
  it.each(QUESTIONS)('%s -> %s', (header, field) => {
    expect(detectMapping([header])[0]!.field).toBe(field);
  });

  // Every header the exact phrases handled before keeps its field, alone and within a real form.
  const OLD: [string, ImportField][] = [
    ['Full name', 'fullName'], ['Name', 'fullName'], ['Your name', 'fullName'], ['Participant name', 'fullName'], ['Full name (first and last)', 'fullName'],
    ['First name', 'firstName'], ['Given name', 'firstName'], ['Forename', 'firstName'],
    ['Last name', 'lastName'], ['Surname', 'lastName'], ['Family name', 'lastName'],
    ['Email Address', 'email'], ['Email', 'email'], ['E-mail', 'email'], ['Work email', 'email'], ['Your email', 'email'], ['E-mail address', 'email'],
    ['I want to be a…', 'role'], ['Role', 'role'], ['Participating as', 'role'], ['Mentor or mentee', 'role'], ['I am signing up as', 'role'], ['Sign up as', 'role'],
    ['Time zone', 'timezone'], ['Timezone', 'timezone'], ['TZ', 'timezone'], ['Your time zone', 'timezone'], ['Time zone you work in', 'timezone'],
    ['Max mentees', 'capacity'], ['Maximum mentees', 'capacity'], ['Capacity', 'capacity'], ['How many mentees', 'capacity'], ['Mentee capacity', 'capacity'], ['Number of mentees', 'capacity'],
    ['Years of experience', 'seniorityYears'], ['Seniority', 'seniorityYears'], ['Experience years', 'seniorityYears'], ['Years experience', 'seniorityYears'], ['Seniority (years)', 'seniorityYears'], ['Years in industry', 'seniorityYears'],
    ['Department', 'department'], ['Dept', 'department'], ['Division', 'department'], ['Function', 'department'],
    ['Team', 'team'], ['Team name', 'team'],
    ['Manager email', 'managerEmail'], ['Manager', 'managerEmail'], ['Reports to', 'managerEmail'], ['Line manager', 'managerEmail'], ['Manager’s email', 'managerEmail'],
    ['Languages', 'languages'], ['Language', 'languages'], ['Languages spoken', 'languages'], ['Languages you speak', 'languages'],
    ['Interests', 'interests'], ['Topics of interest', 'interests'], ['What do you want to learn?', 'interests'], ['Areas of interest', 'interests'], ['Topics', 'interests'], ['Interests (choose all that apply)', 'interests'],
    ['Expertise', 'expertise'], ['Areas of expertise', 'expertise'], ['Skills', 'expertise'], ['What can you teach?', 'expertise'], ['Expertise areas', 'expertise'],
    ['Goals', 'goals'], ['Your goals', 'goals'], ['What are your goals?', 'goals'], ['Mentoring goals', 'goals'], ['What do you hope to get out of mentoring?', 'goals'],
    ['Bio', 'bio'], ['About you', 'bio'], ['Short bio', 'bio'], ['About me', 'bio'], ['Biography', 'bio'],
    ['Availability', 'availability'], ['Weekly availability', 'availability'], ['When are you available?', 'availability'], ['Available times', 'availability'],
  ];
  it.each(OLD)('still reads %s as %s', (header, field) => {
    expect(detectMapping([header])[0]!.field).toBe(field);
  });

  it('maps the old headers of one form exactly as before, with nothing extra', () => {
    const headers = [
      'Timestamp', 'Full name', 'Email Address', 'I want to be a…', 'Time zone', 'Max mentees', 'Years of experience',
      'Department', 'Team', 'Manager email', 'Languages', 'Interests (choose all that apply)', 'Expertise areas', 'Goals', 'Bio', 'Availability',
    ];
    expect(detectMapping(headers).map((m) => m.field)).toEqual([
      null, 'fullName', 'email', 'role', 'timezone', 'capacity', 'seniorityYears',
      'department', 'team', 'managerEmail', 'languages', 'interests', 'expertise', 'goals', 'bio', 'availability',
    ]);
  });

  it('maps a whole question-style Google Form, each field once', () => {
    const headers = [
      'Timestamp', 'Email Address', 'What is your name?', 'Are you joining as a mentor or a mentee?', 'Which time zone are you in?',
      'What can you help with?', 'When are you usually free?', 'What would you like to learn?', 'How many mentees can you take on?',
      'How many years of experience do you have?', 'Which languages do you speak?', 'Which department/team are you in?', 'Who is your manager?',
      'Anything else?',
    ];
    expect(detectMapping(headers).map((m) => m.field)).toEqual([
      null, 'email', 'fullName', 'role', 'timezone', 'expertise', 'availability', 'interests', 'capacity',
      'seniorityYears', 'languages', 'department', 'managerEmail', null,
    ]);
  });

  it('a Microsoft Forms export: the respondent columns, then the questions', () => {
    const headers = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Are you joining as a mentor or a mentee?', 'Which time zone are you in?'];
    expect(detectMapping(headers).map((m) => m.field)).toEqual([null, null, null, 'email', 'fullName', null, 'role', 'timezone']);
  });

  it('a Typeform export', () => {
    const headers = ['#', "First, what's your name?", 'And your email?', 'Mentor or mentee?', 'Which time zone are you in?', 'Start Date (UTC)', 'Submit Date (UTC)', 'Network ID'];
    expect(detectMapping(headers).map((m) => m.field)).toEqual([null, 'fullName', 'email', 'role', 'timezone', null, null, null]);
  });

  it('reads Qualtrics question text (line 2) instead of its short ids, and prefers columns with answers', () => {
    const headers = ['StartDate', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'UserLanguage', 'Q1', 'Q2', 'Q3', 'Q4'];
    const labels = ['Start Date', 'Recipient Last Name', 'Recipient First Name', 'Recipient Email', 'User Language', 'What is your name?', 'What is your email address?', 'Are you joining as a mentor or a mentee?', 'Which time zone are you in?'];
    const samples = [['2026-01-01'], [''], [''], [''], ['EN'], ['Ana Ruiz'], ['ana@example.org'], ['Mentor'], ['Europe/Berlin']];
    expect(detectMapping(headers, { labels, samples }).map((m) => m.field)).toEqual([null, null, null, null, null, 'fullName', 'email', 'role', 'timezone']);
  });

  it('drops a keyword guess whose answers the field cannot take, and says so', () => {
    const fits = (field: ImportField, values: readonly string[]) => field !== 'availability' || values.every((v) => /\d/.test(v));
    const detected = detectMappingWithNotes(['Are you available for six months?', 'When are you usually free?'], {
      samples: [['Yes', 'No'], ['Mon 9-10']],
      fits,
    });
    expect(detected.mapping.map((m) => m.field)).toEqual([null, 'availability']);
    expect(detected.notes).toEqual(['Column "Are you available for six months?" reads like Weekly availability, but its answers ("Yes", "No") are not: left unmapped.']);
  });

  it('applies a program’s remembered choices first, ignored columns included', () => {
    const remembered = { 'q7': 'timezone', 'full name': null, 'ma tz': 'languages' };
    const detected = detectMappingWithNotes(['Full name', 'Email', 'Q7', 'Time zone', 'Role'], { remembered });
    expect(detected.mapping.map((m) => m.field)).toEqual([null, 'email', 'timezone', null, 'role']);
    expect(detected.rememberedColumns).toBe(2);
  });

  it('remembers each header’s choice, newest last, within a limit', () => {
    const first = rememberMapping({}, [{ column: 'Q7', field: 'timezone' }, { column: 'Notes', field: null }]);
    expect(first).toEqual({ q7: 'timezone', notes: null });
    const second = rememberMapping(first, [{ column: 'q7', field: 'availability' }, { column: 'E-mail', field: 'email' }]);
    expect(Object.entries(second)).toEqual([['notes', null], ['q7', 'availability'], ['e mail', 'email']]);
    const many = rememberMapping({}, Array.from({ length: 400 }, (_, i) => ({ column: `Column ${i}`, field: null })));
    expect(Object.keys(many)).toHaveLength(300);
    expect(Object.keys(many)[0]).toBe('column 100');
  });
});
