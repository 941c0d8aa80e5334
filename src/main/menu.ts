import { Menu, type MenuItemConstructorOptions } from 'electron';

/** `devTools: false` (a packaged app) leaves out Toggle Developer Tools and with it its shortcut. */
export function installMenu(actions: { devTools: boolean; openWorkspace: () => void; newWorkspace: () => void; about: () => void }): void {
  const isMac = process.platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = actions.devTools ? [{ role: 'toggleDevTools' }] : [];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newWorkspace },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, ...devTools, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Pairwise', click: actions.about }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
