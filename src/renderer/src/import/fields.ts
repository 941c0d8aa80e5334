// The field names the core's import understands, for the mapping step's menus. Kept as data here
// because the renderer may import only types from core; a test checks the two lists agree.
export const IMPORT_FIELD_LABELS: Record<string, string> = {
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  role: 'Role (mentor/mentee)',
  timezone: 'Time zone',
  capacity: 'Max mentees',
  seniorityYears: 'Years of experience',
  department: 'Department',
  team: 'Team',
  managerEmail: 'Manager email',
  languages: 'Languages',
  interests: 'Interests',
  expertise: 'Expertise',
  goals: 'Goals',
  bio: 'Bio',
  availability: 'Weekly availability',
};
