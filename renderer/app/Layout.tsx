// The frame around every page: navigation, top bar, notifications, the shortcuts dialog.

import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { NAV_ITEMS, type NavItem } from '../../core/app/navigation';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Icon, type IconName } from '../components/Icon';
import { PushLauncher } from '../components/push/push-launcher';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { Toasts } from '../components/Toasts';
import { useClient } from '../state/api-context';
import { ThemeToggle } from './ThemeToggle';
import { useGlobalKeys } from './use-global-keys';

const ICONS: Record<string, IconName> = {
  '/dashboard': 'dashboard',
  '/policy': 'policy',
  '/servers': 'servers',
  '/review': 'review',
  '/senders': 'senders',
  '/check': 'check',
  '/audit': 'audit',
  '/settings': 'settings',
  '/about': 'about',
};

function NavList({ items, label }: { items: readonly NavItem[]; label: string }) {
  return (
    <ul className="nav-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.path}>
          <NavLink
            to={item.path}
            className="nav-link"
            aria-keyshortcuts={item.shortcut ? `Alt+${item.shortcut}` : undefined}
          >
            <Icon name={ICONS[item.path] ?? 'about'} />
            <span className="nav-link__label">{item.label}</span>
            {item.shortcut && (
              <kbd className="nav-link__key" aria-hidden="true">
                Alt {item.shortcut}
              </kbd>
            )}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function Layout() {
  const { mode } = useClient();
  const location = useLocation();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useGlobalKeys(openShortcuts);

  // Keyboard and screen-reader users land on the new page's title after navigating.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [location.pathname]);

  return (
    <PushLauncher>
      <div className="app-shell">
        <a
          href="#main"
          className="skip-link"
          onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
        >
          Skip to content
        </a>
        <nav className="sidebar" aria-label="Main navigation">
          <Link to="/dashboard" className="brand" aria-label="mxwarden — dashboard">
            <span className="brand__mark" aria-hidden="true">
              mx
            </span>
            <span className="brand__name">mxwarden</span>
          </Link>
          <NavList items={NAV_ITEMS.filter((i) => i.section === 'main')} label="Mail filtering" />
          <div className="sidebar__spacer" />
          <NavList items={NAV_ITEMS.filter((i) => i.section === 'system')} label="Application" />
        </nav>
        <div className="main-column">
          <header className="topbar">
            <div className="topbar__left">
              {mode === 'browser' && (
                <Link
                  to="/about"
                  className="chip"
                  title="Browser mode keeps secrets in memory only"
                >
                  Browser mode · secrets in memory
                </Link>
              )}
            </div>
            <div className="topbar__right">
              <ConnectionIndicator />
              <ThemeToggle />
              <button
                type="button"
                className="icon-button"
                onClick={openShortcuts}
                aria-label="Keyboard shortcuts (?)"
                title="Keyboard shortcuts (?)"
              >
                <Icon name="keyboard" />
              </button>
            </div>
          </header>
          <main id="main" className="page" tabIndex={-1}>
            <ErrorBoundary
              key={location.pathname}
              where={NAV_ITEMS.find((n) => n.path === location.pathname)?.label ?? 'This page'}
            >
              <Outlet />
            </ErrorBoundary>
          </main>
        </div>
        <Toasts />
        <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      </div>
    </PushLauncher>
  );
}
