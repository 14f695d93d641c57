// The last few checks of this session, newest first, for "run that again". Kept outside React
// (and in sessionStorage) so leaving the page and coming back keeps them; a new window starts
// empty, as a session should.

import { useSyncExternalStore } from 'react';
import type { Verdict } from '../../../core/app/api';
import type { CheckInput } from './check-run';

export interface HistoryItem {
  input: CheckInput;
  /** The verdict, or undefined when the check failed. */
  action?: Verdict['action'];
  /** Whose capabilities judged it ("postscreen + postgrey", "mx3"); unknown after an error. */
  profile?: string;
  at: number;
}

const KEY = 'mxwarden.check.history';
const MAX = 8;
const listeners = new Set<() => void>();

function load(): HistoryItem[] {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as HistoryItem[]) : [];
  } catch {
    return [];
  }
}

let items: HistoryItem[] = load();

const same = (a: CheckInput, b: CheckInput) =>
  a.target === b.target &&
  a.helo === b.helo &&
  a.sender === b.sender &&
  a.recipient === b.recipient &&
  a.serverId === b.serverId;

export function remember(item: HistoryItem): void {
  items = [item, ...items.filter((i) => !same(i.input, item.input))].slice(0, MAX);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    /* storage may be disabled: the list still lives until the window closes */
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const useCheckHistory = (): readonly HistoryItem[] =>
  useSyncExternalStore(subscribe, () => items);
