// The page's sections as tabs (WAI-ARIA: arrows move between tabs, Tab goes into the panel),
// each with the number of problems it holds.

import { useRef, type KeyboardEvent } from 'react';

export type TabId = 'lists' | 'greylisting' | 'dnsbl' | 'checks' | 'preview' | 'history' | 'start';

export const TABS: { id: TabId; label: string }[] = [
  { id: 'lists', label: 'Lists' },
  { id: 'greylisting', label: 'Greylisting' },
  { id: 'dnsbl', label: 'DNS lists' },
  { id: 'checks', label: 'Checks' },
  { id: 'preview', label: 'Preview' },
  { id: 'history', label: 'History' },
  { id: 'start', label: 'Start from' },
];

export const isTab = (v: string | null): v is TabId => TABS.some((t) => t.id === v);

export const tabId = (id: TabId) => `policy-tab-${id}`;
export const panelId = (id: TabId) => `policy-panel-${id}`;

export function PolicyTabs({
  current,
  problems,
  onSelect,
}: {
  current: TabId;
  problems: Partial<Record<TabId, number>>;
  onSelect: (id: TabId) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === current);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    onSelect(next.id);
    setTimeout(() => document.getElementById(tabId(next.id))?.focus(), 0);
  };
  return (
    <div
      className="policy-tabs"
      role="tablist"
      aria-label="Policy sections"
      ref={list}
      onKeyDown={onKeyDown}
    >
      {TABS.map((t) => {
        const n = problems[t.id] ?? 0;
        return (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={panelId(t.id)}
            tabIndex={t.id === current ? 0 : -1}
            className="policy-tab"
            onClick={() => onSelect(t.id)}
          >
            {t.label}
            {n > 0 && (
              <span className="issue-badge">
                {n}
                <span className="visually-hidden"> {n === 1 ? 'problem' : 'problems'}</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
