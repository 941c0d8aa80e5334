import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';

type Mode = 'light' | 'dark';
const ModeContext = createContext<{ mode: Mode; toggle: () => void }>({ mode: 'light', toggle: () => {} });
const STORAGE_KEY = 'pairwise.theme';

function initialMode(): Mode {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function AppThemeProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<Mode>(initialMode);
  const theme = useMemo(
    () =>
      createTheme({
        palette: {
          mode,
          primary: { main: mode === 'light' ? '#3b4fd8' : '#9aa8ff' },
          // Light-mode colours dark enough for 4.5:1 text contrast on white (WCAG AA), also as filled chips with white text.
          secondary: { main: mode === 'light' ? '#0b7358' : '#5fd3b0' },
          ...(mode === 'light' ? { warning: { main: '#b45309' }, success: { main: '#1b7a3a' }, info: { main: '#0b6aa8' } } : {}),
          background: mode === 'light' ? { default: '#f5f6fa', paper: '#ffffff' } : { default: '#111318', paper: '#1b1e25' },
        },
        shape: { borderRadius: 10 },
        typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', button: { textTransform: 'none', fontWeight: 600 } },
        components: { MuiButton: { defaultProps: { disableElevation: true } }, MuiPaper: { defaultProps: { elevation: 0 } } },
      }),
    [mode],
  );
  const value = useMemo(
    () => ({
      mode,
      toggle: () =>
        setMode((m) => {
          const next = m === 'light' ? 'dark' : 'light';
          localStorage.setItem(STORAGE_KEY, next);
          return next;
        }),
    }),
    [mode],
  );
  return (
    <ModeContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ModeContext.Provider>
  );
}

export const useThemeMode = () => useContext(ModeContext);
