// App-wide keyboard shortcuts, and commands from the Electron menu (ui.command events).

import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { NAV_ITEMS } from '../../core/app/navigation';
import type { UiCommand } from '../../core/app/api';
import { useEvent } from '../state/api-context';
import { useSettings } from '../state/settings-context';

const NEXT_THEME = { system: 'light', light: 'dark', dark: 'system' } as const;

const typingInto = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function useGlobalKeys(openShortcuts: () => void): void {
  const navigate = useNavigate();
  const { settings, update } = useSettings();

  useEvent('ui.command', (command: UiCommand) => {
    if (command.type === 'navigate') void navigate(command.path);
    else if (command.type === 'theme') void update({ theme: command.theme });
    else openShortcuts();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const item = NAV_ITEMS.find((n) => n.shortcut === e.key || `Digit${n.shortcut}` === e.code);
        if (item) {
          e.preventDefault();
          void navigate(item.path);
          return;
        }
        if (e.code === 'KeyT') {
          e.preventDefault();
          void update({ theme: NEXT_THEME[settings.theme] });
        }
        return;
      }
      if (e.key === 'F1' || (e.key === '?' && !typingInto(e.target))) {
        e.preventDefault();
        openShortcuts();
      } else if (e.key === '/' && !typingInto(e.target)) {
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, update, settings.theme, openShortcuts]);
}
