// servers.*: the inventory, connection tests, host key trust, inspections. Runtime: Node.

import { z } from 'zod';
import type { ServersService } from '../../servers/servers-service';
import type { ServersRepo } from '../../store/servers-repo';
import type { Store } from '../../store/database';
import type { HandlerTable, HandlerTools } from '../handler';
import { AppError, toApiError } from '../result';
import { hasControlCharacters } from '../validation';
import { noRequest } from './no-request';

const noNul = (s: string) => !s.includes('\0');

// Names, users, paths, tags and notes are stored and shown verbatim — they only ever travel as
// data (SSH protocol fields, file paths, JSON), never through a shell.
const serverFields = {
  name: z
    .string()
    .max(200)
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
    .refine(noNul, { message: 'must not contain NUL' }),
  host: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/\s/.test(s) && !hasControlCharacters(s), {
      message: 'must not contain spaces or control characters (an ssh alias or a host name)',
    })
    .refine((s) => !s.startsWith('-'), { message: 'must not start with "-"' }),
  port: z.number().int().min(1).max(65535).nullable().optional(),
  username: z
    .string()
    .min(1)
    .max(256)
    .refine(noNul, { message: 'must not contain NUL' })
    .nullable()
    .optional(),
  identityFile: z
    .string()
    .max(4096)
    .refine(noNul, { message: 'must not contain NUL' })
    .refine((p) => p.startsWith('/') || p.startsWith('~/'), {
      message: 'must be an absolute path (or start with ~/)',
    })
    .nullable()
    .optional(),
  tags: z
    .array(z.string().min(1).max(64).refine(noNul, { message: 'must not contain NUL' }))
    .max(50)
    .transform((t) => [...new Set(t)])
    .optional(),
  notes: z.string().max(10_000).optional(),
};

const idField = z.number().int().positive();
const passphrases = z
  .array(
    z
      .object({
        keyPath: z.string().min(1).max(4096),
        passphrase: z.string().max(4096),
        remember: z.boolean().optional(),
      })
      .strict(),
  )
  .max(10)
  .optional();

/** Failed attempts at a server are worth an audit row too: who tried what, and why it failed. */
async function audited<T>(
  tools: HandlerTools,
  target: string,
  run: () => Promise<T>,
  describe: (v: T) => Record<string, unknown>,
): Promise<T> {
  try {
    const value = await run();
    tools.audit({ target, detail: { ok: true, ...describe(value) } });
    return value;
  } catch (e) {
    const err = toApiError(e);
    tools.audit({ target, detail: { ok: false, code: err.code, message: err.message } });
    throw e;
  }
}

type ServersHandlers = Pick<
  HandlerTable,
  | 'servers.list'
  | 'servers.get'
  | 'servers.sshAliases'
  | 'servers.add'
  | 'servers.update'
  | 'servers.remove'
  | 'servers.test'
  | 'servers.trustHostKey'
  | 'servers.inspect'
>;

export function serversHandlers(
  store: Store,
  repo: ServersRepo,
  service: ServersService,
): ServersHandlers {
  const changed = (tools: HandlerTools, ids: number[]) => tools.emit('servers.changed', { ids });
  return {
    'servers.list': { request: noRequest, run: () => service.list() },
    'servers.get': {
      request: z.object({ id: idField }).strict(),
      run: (req) => service.detail(req.id),
    },
    'servers.sshAliases': { request: noRequest, run: () => service.aliases() },
    'servers.add': {
      request: z.object(serverFields).strict(),
      run: (input, _ctx, tools) => {
        const row = store.transaction(() => {
          const r = repo.add(input, tools.now());
          tools.audit({
            target: r.name,
            detail: {
              server: {
                id: r.id,
                host: r.host,
                port: r.port,
                username: r.username,
                identityFile: r.identityFile,
                tags: r.tags,
              },
            },
          });
          return r;
        });
        changed(tools, [row.id]);
        return service.summary(row);
      },
    },
    'servers.update': {
      request: z
        .object({ id: idField, ...serverFields })
        .partial()
        .required({ id: true })
        .strict(),
      run: ({ id, ...patch }, _ctx, tools) => {
        if (Object.keys(patch).length === 0)
          throw new AppError('INVALID_REQUEST', 'servers.update: nothing to change');
        const { before, after } = store.transaction(() => {
          const r = repo.update(id, patch, tools.now());
          const changes: Record<string, { from: unknown; to: unknown }> = {};
          for (const k of Object.keys(patch) as (keyof typeof patch)[]) {
            const from = r.before[k as keyof typeof r.before];
            const to = r.after[k as keyof typeof r.after];
            if (JSON.stringify(from) !== JSON.stringify(to)) changes[k] = { from, to };
          }
          tools.audit({ target: r.after.name, detail: { id, changes } });
          return r;
        });
        if (
          before.host !== after.host ||
          before.port !== after.port ||
          before.username !== after.username ||
          before.identityFile !== after.identityFile
        ) {
          service.forget(id);
        }
        changed(tools, [id]);
        return service.summary(after);
      },
    },
    'servers.remove': {
      request: z.object({ id: idField }).strict(),
      run: ({ id }, _ctx, tools) => {
        store.transaction(() => {
          const row = repo.remove(id);
          tools.audit({ target: row.name, detail: { id, host: row.host } });
        });
        service.forget(id);
        changed(tools, [id]);
        return { id };
      },
    },
    'servers.test': {
      request: z.object({ id: idField, passphrases }).strict(),
      run: (req, _ctx, tools) =>
        audited(
          tools,
          repo.require(req.id).name,
          () => service.test(req.id, req.passphrases),
          (r) => ({ fingerprint: r.fingerprint, privilege: r.privilege.mode }),
        ),
    },
    'servers.trustHostKey': {
      request: z
        .object({
          id: idField,
          fingerprint: z
            .string()
            .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be a SHA256 fingerprint as ssh shows it'),
        })
        .strict(),
      run: async (req, _ctx, tools) => {
        const pinned = await service.trust(req.id, req.fingerprint);
        tools.audit({
          target: repo.require(req.id).name,
          detail: {
            fingerprint: pinned.fingerprint,
            knownHostsFile: pinned.knownHostsFile,
            hostEntry: `${pinned.host}:${pinned.port}`,
          },
        });
        changed(tools, [req.id]);
        return {
          id: pinned.id,
          fingerprint: pinned.fingerprint,
          knownHostsFile: pinned.knownHostsFile,
        };
      },
    },
    'servers.inspect': {
      request: z.object({ ids: z.array(idField).min(1).max(500), passphrases }).strict(),
      run: async (req, _ctx, tools) => {
        const names = req.ids.map((id) => repo.require(id).name);
        const outcomes = await service.inspect(req.ids, req.passphrases);
        tools.audit({
          target: names.join(', '),
          detail: {
            results: outcomes.map((o) => ({
              id: o.id,
              ok: o.ok,
              ...(o.error ? { code: o.error.code } : {}),
            })),
          },
        });
        changed(tools, req.ids);
        return outcomes;
      },
    },
  };
}
