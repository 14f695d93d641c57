// How each server's log is being read: following, backfilling its history (with progress), or
// why not. Live from tail.status events.

import { useState } from 'react';
import type { TailStatus } from '../../../core/app/api';
import { formatCount } from '../../lib/format';
import { useEvent, useQuery } from '../../state/api-context';

const STATE_TEXT: Record<TailStatus['state'], string> = {
  disabled: 'not followed',
  waiting: 'waiting',
  connecting: 'connecting',
  backfilling: 'reading its history',
  following: 'live',
  retrying: 'reconnecting',
  error: 'failed',
};

export function TailStrip() {
  const initial = useQuery('tail.status', []);
  const [live, setLive] = useState<Map<number, TailStatus>>(new Map());
  useEvent('tail.status', (s) => setLive((m) => new Map(m).set(s.serverId, s)));
  const merged = new Map((initial.data ?? []).map((s) => [s.serverId, s]));
  for (const [id, s] of live) merged.set(id, s);
  const statuses = [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (statuses.length === 0) return null;
  return (
    <ul className="tail-strip" aria-label="Log following">
      {statuses.map((s) => {
        const b = s.backfill;
        const pct = b && b.bytesTotal ? Math.floor((b.bytesDone / b.bytesTotal) * 100) : undefined;
        return (
          <li key={s.serverId} className={`tail-strip__item tail-strip__item--${s.state}`}>
            <span className="tail-strip__dot" aria-hidden="true" />
            <strong>{s.name}</strong> {STATE_TEXT[s.state]}
            {s.elsewhere ? ' (by another window)' : ''}
            {b && (
              <>
                {' '}
                <progress max={100} value={pct ?? 0} aria-label={`${s.name} history read`} />{' '}
                {b.file} {pct ?? 0} %
              </>
            )}
            <span className="tail-strip__lines">{formatCount(s.lines)} lines</span>
            {s.message && <span className="tail-strip__message">{s.message}</span>}
          </li>
        );
      })}
    </ul>
  );
}
