// The load client of the decisions/s benchmark, the same code for postgrey and for mxwarden's
// policy service: N connections, each with one request in flight at a time as a Postfix smtpd
// process has (send, wait for the whole answer, send the next), drawing from one shared,
// pre-encoded request stream. Latency is measured per request from write to complete answer.
// Runtime: Node (bench).

import net from 'node:net';
import { quantile } from './stats';

export interface LoadTarget {
  host: string;
  port: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by their first word (DEFER_IF_PERMIT, PREPEND, DUNNO, …). */
  actions: Record<string, number>;
}

function connect(target: LoadTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(target.port, target.host);
    s.setNoDelay(true);
    s.once('connect', () => (s.off('error', reject), resolve(s)));
    s.once('error', reject);
  });
}

const END = Buffer.from('\n\n');

/** Runs the whole stream over `connections` connections; rejects if any answer is missing. */
export async function runLoad(
  target: LoadTarget,
  stream: readonly Buffer[],
  connections: number,
): Promise<LoadResult> {
  const sockets = await Promise.all(Array.from({ length: connections }, () => connect(target)));
  const latencies = new Float64Array(stream.length);
  const actions: Record<string, number> = {};
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const s of sockets) s.destroy();
      reject(e);
    };
    for (const socket of sockets) {
      let pending: Buffer = Buffer.alloc(0);
      let index = -1;
      let waiting = false;
      let sentAt = 0n;
      const send = () => {
        if (next >= stream.length) {
          socket.end();
          return;
        }
        index = next++;
        waiting = true;
        sentAt = process.hrtime.bigint();
        socket.write(stream[index] as Buffer);
      };
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const end = pending.indexOf(END);
          if (end < 0) break;
          const answer = pending.subarray(0, end).toString('latin1');
          pending = pending.subarray(end + 2);
          waiting = false;
          latencies[index] = Number(process.hrtime.bigint() - sentAt) / 1e6;
          const word = /^action=(\S+)/.exec(answer)?.[1] ?? `malformed:${answer.slice(0, 40)}`;
          actions[word] = (actions[word] ?? 0) + 1;
          if (++done === stream.length) resolve();
          else send();
        }
      });
      socket.on('error', fail);
      socket.on('close', () => {
        if (waiting)
          fail(new Error(`the server closed a connection without answering request ${index}`));
      });
      send();
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const s of sockets) s.destroy();
  return {
    requests: stream.length,
    seconds,
    perSecond: stream.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    actions,
  };
}
