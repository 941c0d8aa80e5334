import { useEffect, useState, type ReactNode } from 'react';
import {
  AppBar, Box, Drawer, IconButton, List, ListItem, ListItemButton, ListItemIcon, ListItemText, MenuItem, TextField, Toolbar, Tooltip, Typography,
} from '@mui/material';
import FolderOpenIcon from '@mui/icons-material/FolderSpecialOutlined';
import PeopleIcon from '@mui/icons-material/PeopleAltOutlined';
import HubIcon from '@mui/icons-material/HubOutlined';
import EventIcon from '@mui/icons-material/EventOutlined';
import FlagIcon from '@mui/icons-material/FlagOutlined';
import NotificationsIcon from '@mui/icons-material/NotificationsActiveOutlined';
import SchoolIcon from '@mui/icons-material/SchoolOutlined';
import ForumIcon from '@mui/icons-material/ForumOutlined';
import AssessmentIcon from '@mui/icons-material/AssessmentOutlined';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import DarkModeIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeIcon from '@mui/icons-material/LightModeOutlined';
import { NotifierProvider } from './components/Notifier';
import { FeedbackPage } from './feedback/FeedbackPage';
import { MatchingPage } from './matching/MatchingPage';
import { PairsPage } from './pages/PairsPage';
import { ReportsPage } from './reports/ReportsPage';
import { DuePage } from './pages/DuePage';
import { GoalsPage } from './pages/GoalsPage';
import { MentorsPage } from './pages/MentorsPage';
import { ParticipantsPage } from './pages/ParticipantsPage';
import { ProgramsPage } from './pages/ProgramsPage';
import { SettingsPage } from './pages/SettingsPage';
import { navigate } from './navigation';
import { useThemeMode } from './theme';
import { WorkspaceProvider, useWorkspace } from './workspace';

const DRAWER_WIDTH = 232;

interface PageDef {
  path: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

const PAGES: PageDef[] = [
  { path: 'programs', label: 'Programs & cohorts', icon: <FolderOpenIcon />, render: () => <ProgramsPage /> },
  { path: 'participants', label: 'Participants', icon: <PeopleIcon />, render: () => <ParticipantsPage /> },
  {
    path: 'matching', label: 'Matching', icon: <HubIcon />,
    render: () => <MatchingPage />,
  },
  { path: 'pairs', label: 'Pairs', icon: <EventIcon />, render: () => <PairsPage /> },
  { path: 'due', label: 'Due', icon: <NotificationsIcon />, render: () => <DuePage /> },
  { path: 'goals', label: 'Goals', icon: <FlagIcon />, render: () => <GoalsPage /> },
  { path: 'mentors', label: 'Mentors', icon: <SchoolIcon />, render: () => <MentorsPage /> },
  { path: 'feedback', label: 'Feedback', icon: <ForumIcon />, render: () => <FeedbackPage /> },
  { path: 'reports', label: 'Reports', icon: <AssessmentIcon />, render: () => <ReportsPage /> },
  { path: 'settings', label: 'Settings', icon: <SettingsIcon />, render: () => <SettingsPage /> },
];

function currentPath(): string {
  // A route may carry a query for its page ("pairs?health=at-risk", the dashboard's links).
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0]!;
  return PAGES.some((p) => p.path === path) ? path : 'programs';
}


function CohortPicker() {
  const { programs, cohorts, cohortId, selectCohort } = useWorkspace();
  const active = cohorts.filter((c) => !c.archived || c.id === cohortId);
  if (active.length === 0) return null;
  const programName = (id: string) => programs.find((p) => p.id === id)?.name ?? '';
  return (
    <TextField
      select
      size="small"
      label="Cohort"
      value={cohortId ?? ''}
      onChange={(e) => selectCohort(e.target.value || null)}
      sx={{ minWidth: 260, '& .MuiInputBase-root': { bgcolor: 'background.paper' } }}
    >
      {active.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {programName(c.programId)} / {c.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

function Shell() {
  const [path, setPath] = useState(currentPath);
  const { mode, toggle } = useThemeMode();
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const page = PAGES.find((p) => p.path === path)!;
  useEffect(() => {
    document.title = `${page.label} — Pairwise`;
  }, [page]);

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" color="inherit" sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }} elevation={0}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, color: 'primary.main', width: DRAWER_WIDTH - 24 }}>
            Pairwise
          </Typography>
          <CohortPicker />
          <Box sx={{ flex: 1 }} />
          <Tooltip title={mode === 'light' ? 'Dark theme' : 'Light theme'}>
            <IconButton onClick={toggle} aria-label={mode === 'light' ? 'Switch to dark theme' : 'Switch to light theme'}>
              {mode === 'light' ? <DarkModeIcon /> : <LightModeIcon />}
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar />
        <nav aria-label="Main">
          <List>
            {PAGES.map((p) => (
              <ListItem key={p.path} disablePadding>
                <ListItemButton selected={p.path === path} onClick={() => navigate(p.path)} aria-current={p.path === path ? 'page' : undefined}>
                  <ListItemIcon sx={{ minWidth: 40 }}>{p.icon}</ListItemIcon>
                  <ListItemText primary={p.label} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <Toolbar />
        <Box sx={{ flex: 1, minHeight: 0, p: 3, overflow: 'auto', display: 'flex', flexDirection: 'column' }}>{page.render()}</Box>
      </Box>
    </Box>
  );
}

export function App() {
  return (
    <NotifierProvider>
      <WorkspaceProvider>
        <Shell />
      </WorkspaceProvider>
    </NotifierProvider>
  );
}
