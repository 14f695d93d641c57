// The app's places, shared by the renderer's navigation and the Electron menu. Runtime: pure.

export interface NavItem {
  path: string;
  label: string;
  /** Alt+digit jumps here. */
  shortcut?: string;
  section: 'main' | 'system';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', shortcut: '1', section: 'main' },
  { path: '/policy', label: 'Policy', shortcut: '2', section: 'main' },
  { path: '/servers', label: 'Servers', shortcut: '3', section: 'main' },
  { path: '/review', label: 'Review', shortcut: '4', section: 'main' },
  { path: '/senders', label: 'Senders', shortcut: '5', section: 'main' },
  { path: '/check', label: 'Check IP', shortcut: '6', section: 'main' },
  { path: '/audit', label: 'Audit log', shortcut: '7', section: 'system' },
  { path: '/settings', label: 'Settings', shortcut: '8', section: 'system' },
  { path: '/about', label: 'About', shortcut: '9', section: 'system' },
];
