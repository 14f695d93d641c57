// The policy service's log: lines gathered for a short while and written with one write,
// because a write per decision would cost more than the decision itself at tens of thousands a
// second. Only log lines wait (at most `intervalMs`): decisions are durable before their reply
// whatever happens to the log, and flush() writes what is gathered before the process exits.
// Runtime: Node (streams, timers).

import type { Writable } from 'node:stream';

export interface LineLog {
  (line: string): void;
  /** Writes whatever is gathered now. */
  flush(): void;
}

export function lineLog(out: Writable, intervalMs = 50, maxLines = 512): LineLog {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    out.write(text);
  };
  const log = ((line: string) => {
    pending.push(line);
    if (pending.length >= maxLines) flush();
    else if (!timer) {
      timer = setTimeout(flush, intervalMs);
      // A pending log line must not keep a stopped service alive: stop() flushes.
      timer.unref();
    }
  }) as LineLog;
  log.flush = flush;
  return log;
}
