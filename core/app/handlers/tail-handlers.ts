// tail.*: how each managed server's log is being followed, and turning it on or off.
// Runtime: Node.

import { z } from 'zod';
import { TAIL_STREAM } from '../../servers/tail/server-tailer';
import type { Store } from '../../store/database';
import type { ServersRepo } from '../../store/servers-repo';
import type { HandlerTable } from '../handler';
import type { StatsHost } from '../stats-host';
import type { TailStatus } from '../types/stats';
import { noRequest } from './no-request';

export function tailHandlers(
  store: Store,
  host: StatsHost,
  serversRepo: ServersRepo,
): Pick<HandlerTable, 'tail.status' | 'tail.setEnabled'> {
  /** Without a tail in this process (the CLI): what the store says. */
  const fromStore = (): TailStatus[] =>
    serversRepo.all().map((row) => {
      const source = host.sources.all().find((s) => s.serverId === row.id);
      const p = source ? host.sources.position(source.id, TAIL_STREAM) : undefined;
      const enabled = host.sources.tailEnabled(row.id);
      return {
        serverId: row.id,
        name: row.name,
        state: enabled ? 'waiting' : 'disabled',
        message: enabled
          ? 'Followed while the desktop app or `mxwarden serve` runs.'
          : 'Following this log is turned off.',
        lines: p?.lines ?? 0,
        lastLineTime: p?.lastTime ?? null,
        elsewhere: true,
        since: p?.updatedAt ?? row.createdAt,
      };
    });

  return {
    'tail.status': { request: noRequest, run: () => host.tail?.statuses() ?? fromStore() },
    'tail.setEnabled': {
      request: z.object({ serverId: z.number().int().positive(), enabled: z.boolean() }).strict(),
      run: ({ serverId, enabled }, _ctx, tools) => {
        const row = serversRepo.require(serverId);
        store.transaction(() => {
          host.sources.setTailEnabled(serverId, enabled);
          tools.audit({ target: row.name, detail: { enabled } });
        });
        host.tail?.sync();
        return { serverId, enabled };
      },
    },
  };
}
