// Live progress of tests and inspections, per server, from servers.progress events. A finished
// step stays visible briefly so a fast operation still shows that it happened.

import { useEffect, useRef, useState } from 'react';
import type { ServerProgress } from '../../../core/app/api';
import { useEvent } from '../../state/api-context';

const KEEP_DONE_MS = 2500;

export function useServerProgress(): ReadonlyMap<number, ServerProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<number, ServerProgress>>(new Map());
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);

  useEvent('servers.progress', (p) => {
    clearTimeout(timers.current.get(p.id));
    setProgress((m) => new Map(m).set(p.id, p));
    // Once finished, the row goes back to its status, which by then records the outcome.
    if (p.state === 'done' || p.state === 'failed') {
      const id = p.id;
      timers.current.set(
        id,
        setTimeout(
          () =>
            setProgress((m) => {
              const next = new Map(m);
              next.delete(id);
              return next;
            }),
          KEEP_DONE_MS,
        ),
      );
    }
  });

  return progress;
}
