// The application menu. Items that change the UI are sent to it as 'ui.command' events, the
// same way any other AppApi event travels. Runtime: Electron main.

import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { UiCommand } from '../core/app/api';
import { NAV_ITEMS } from '../core/app/navigation';

export function buildMenu(send: (command: UiCommand) => void, devTools: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        {
          label: 'Theme',
          submenu: (['system', 'light', 'dark'] as const).map((theme) => ({
            label: theme === 'system' ? 'Follow system' : theme === 'light' ? 'Light' : 'Dark',
            click: () => send({ type: 'theme', theme }),
          })),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    {
      label: 'Go',
      submenu: NAV_ITEMS.map((item) => ({
        label: item.label,
        accelerator: item.shortcut ? `Alt+${item.shortcut}` : undefined,
        click: () => send({ type: 'navigate', path: item.path }),
      })),
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: 'F1',
          click: () => send({ type: 'shortcuts' }),
        },
        {
          label: 'Postfix Documentation',
          click: () => void shell.openExternal('https://www.postfix.org/documentation.html'),
        },
        { type: 'separator' },
        { label: 'About mxwarden', click: () => send({ type: 'navigate', path: '/about' }) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
