import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Alert, Button, Snackbar } from '@mui/material';

interface Notice {
  message: string;
  severity: 'success' | 'error' | 'info';
  /** Offered as an "Undo" button: cheap undo for edits that can be reverted by writing the old values back. */
  undo?: () => void | Promise<void>;
}

const NotifyContext = createContext<(notice: Notice) => void>(() => {});

export function NotifierProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<(Notice & { key: number }) | null>(null);
  const notify = useCallback((next: Notice) => setNotice({ ...next, key: Date.now() }), []);
  const close = () => setNotice(null);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar key={notice?.key} open={notice !== null} autoHideDuration={notice?.severity === 'error' ? 10000 : 6000} onClose={close} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {notice ? (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={close}
            sx={{ whiteSpace: 'pre-line', maxWidth: 720 }}
            action={
              notice.undo ? (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => {
                    void notice.undo!();
                    close();
                  }}
                >
                  Undo
                </Button>
              ) : undefined
            }
          >
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export const useNotify = () => useContext(NotifyContext);
