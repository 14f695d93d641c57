// The SSH connection pool's own logic: sharing, reuse, retry on a dead pooled connection, and
// backoff between failed attempts. The SSH connection itself is replaced by a named fake here —
// the pool is what is under test; real connections are covered by test/integration/ssh.test.ts.

import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app/result';
import { SshPool } from '../../../core/servers/ssh/pool';
import type { SshSession } from '../../../core/servers/ssh/session';

function fakeSession(): SshSession & { kill(): void } {
  let alive = true;
  return {
    get alive() {
      return alive;
    },
    close: () => void (alive = false),
    kill: () => void (alive = false),
  } as unknown as SshSession & { kill(): void };
}

describe('SSH pool', () => {
  it('shares one connection attempt between concurrent callers and reuses it', async () => {
    const pool = new SshPool();
    let connects = 0;
    const connect = async () => (connects++, fakeSession());
    const results = await Promise.all(
      [1, 2, 3].map((i) => pool.with('mx1', connect, async () => i)),
    );
    expect(results).toEqual([1, 2, 3]);
    await pool.with('mx1', connect, async () => 4);
    expect(connects).toBe(1);
    pool.closeAll();
  });

  it('retries once on a fresh connection when the pooled one died between uses', async () => {
    const pool = new SshPool();
    const sessions: ReturnType<typeof fakeSession>[] = [];
    const connect = async () => {
      const s = fakeSession();
      sessions.push(s);
      return s;
    };
    await pool.with('mx1', connect, async () => 'first');
    let calls = 0;
    const r = await pool.with('mx1', connect, async (s) => {
      calls++;
      if (calls === 1) {
        (s as ReturnType<typeof fakeSession>).kill(); // dies while in use
        throw new AppError('UNREACHABLE', 'dropped');
      }
      return 'second';
    });
    expect(r).toBe('second');
    expect(sessions).toHaveLength(2);
    pool.closeAll();
  });

  it('spaces failed attempts with growing waits, and forgets them after a success or drop', async () => {
    let clock = 0;
    const slept: number[] = [];
    const pool = new SshPool({
      backoffMs: [100, 200, 400],
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    let up = false;
    const connect = async () => {
      if (!up) throw new AppError('UNREACHABLE', 'refused');
      return fakeSession();
    };
    for (let i = 0; i < 5; i++)
      await expect(pool.with('mx1', connect, async () => 'x')).rejects.toThrow('refused');
    expect(slept).toEqual([100, 200, 400, 400]);
    expect(pool.waitBeforeNextAttempt('mx1')).toBe(400);
    up = true;
    clock += 400;
    await expect(pool.with('mx1', connect, async () => 'ok')).resolves.toBe('ok');
    expect(pool.waitBeforeNextAttempt('mx1')).toBe(0);
    pool.drop('mx1');
    expect(pool.waitBeforeNextAttempt('mx1')).toBe(0);
  });
});
