// The AppApi service: request validation, errors as values, one audit row per mutation, events.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, AuditEntry, Settings } from '../../../core/app/api';
import { API_METHODS } from '../../../core/app/methods';
import { createAppService } from '../../../core/app/service';
import { MemorySecretStore } from '../../../core/secrets/memory-secret-store';
import { TEMPLATES } from '../../../core/policy/templates';
import { openStore } from '../../../core/store/database';
import { DEFAULT_SETTINGS } from '../../../core/settings/schema';
import { LATEST_SCHEMA_VERSION } from '../../../core/store/migrations';
import { makeCore } from '../../support/core';
import { PACKAGE_VERSION } from '../../support/project';

const ctx = { actor: 'test' };

type Mutation = {
  [M in ApiMethod]: (typeof API_METHODS)[M] extends 'mutation' ? M : never;
}[ApiMethod];

// One request per mutation, in an order that works without any network. A call that attempted
// something (a connection) is audited even when it fails; one refused before acting is not.
// Adding a mutation without a sample here fails to compile.
const MUTATION_SAMPLES: { [M in Mutation]: { request: ApiRequest<M>; ok: boolean; rows: number } } =
  {
    'settings.set': { request: { theme: 'dark' }, ok: true, rows: 1 },
    'servers.add': { request: { name: 'nowhere', host: '127.0.0.1', port: 1 }, ok: true, rows: 1 },
    'servers.update': { request: { id: 1, notes: 'port 1: nothing listens' }, ok: true, rows: 1 },
    'tail.setEnabled': { request: { serverId: 1, enabled: false }, ok: true, rows: 1 },
    'servers.test': { request: { id: 1 }, ok: false, rows: 1 },
    'servers.inspect': { request: { ids: [1] }, ok: true, rows: 1 },
    'servers.trustHostKey': {
      request: { id: 1, fingerprint: `SHA256:${'A'.repeat(43)}` },
      ok: false,
      rows: 0,
    }, // nothing presented a key
    'servers.remove': { request: { id: 1 }, ok: true, rows: 1 },
    'policy.save': {
      request: { policy: TEMPLATES.strict(), message: 'stricter' },
      ok: true,
      rows: 1,
    },
    'policy.revert': { request: { versionId: 1 }, ok: true, rows: 1 },
    'senders.add': {
      request: { id: 'acme-mail', name: 'Acme Mail', category: 'bulk', spf: ['_spf.acme.example'] },
      ok: true,
      rows: 1,
    },
    'senders.update': { request: { id: 'acme-mail', notes: 'our newsletters' }, ok: true, rows: 1 },
    // Nothing listens on port 1 of loopback: each query fails at once, reported, and audited.
    'senders.expand': {
      request: { id: 'acme-mail', dnsServers: '127.0.0.1:1', timeoutMs: 300 },
      ok: true,
      rows: 1,
    },
    'senders.refresh': {
      request: { runId: 'r1', ids: ['acme-mail'], dnsServers: '127.0.0.1:1', timeoutMs: 300 },
      ok: true,
      rows: 1,
    },
    'senders.remove': { request: { id: 'acme-mail' }, ok: true, rows: 1 },
    // From the shipped snapshot: a new policy version, audited once.
    'senders.whitelist': { request: { id: 'google' }, ok: true, rows: 1 },
    'senders.unwhitelist': { request: { id: 'google' }, ok: true, rows: 1 },
    'stats.mark': { request: { client: '192.0.2.1', wanted: true }, ok: true, rows: 1 },
    // A new policy version (its audit row) with the decision and the pair's mark.
    'review.whitelist': {
      request: {
        items: [
          {
            key: 'network:192.0.2.0/24',
            label: '192.0.2.0/24',
            precision: 'address',
            value: '192.0.2.1',
            pairs: [{ client: '192.0.2.1', senderDomain: '' }],
          },
        ],
        scope: 'dnsbl',
      },
      ok: true,
      rows: 1,
    },
    'review.dismiss': {
      request: {
        items: [{ key: 'network:198.51.100.0/24', label: '198.51.100.0/24', pairs: [] }],
      },
      ok: true,
      rows: 1,
    },
    'review.undo': { request: { decisionIds: [1] }, ok: true, rows: 1 },
    // A file that cannot be read: the attempt is recorded, with why it failed.
    'stats.ingest': {
      request: { file: '/nonexistent/mail.log', server: 'offline' },
      ok: false,
      rows: 1,
    },
    'stats.prune': { request: undefined, ok: true, rows: 1 },
    // No server left: refused before anything is attempted.
    'push.run': { request: { all: true }, ok: false, rows: 0 },
    'push.cancel': { request: { pushId: '20261123T000000Z-000000' }, ok: true, rows: 1 },
  };

describe('AppApi service', () => {
  it('answers app.info with version, data directory and schema', async () => {
    const { service, dataDir } = makeCore('browser');
    const r = await service.call('app.info', undefined, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      name: 'mxwarden',
      version: PACKAGE_VERSION,
      host: 'browser',
      dataDir,
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      secrets: { backend: 'memory', persistent: false },
    });
  });

  it('writes exactly one audit row for every mutating call, and none for queries', async () => {
    const { service } = makeCore();
    const count = async () => {
      const r = await service.call('audit.list', { limit: 1 }, ctx);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.total;
    };
    const samples = Object.entries(MUTATION_SAMPLES) as [
      Mutation,
      { request: unknown; ok: boolean; rows: number },
    ][];
    for (const [method, sample] of samples) {
      const before = await count();
      const r = await service.call(method, sample.request, ctx);
      expect(r.ok, `${method}: ${JSON.stringify(r)}`).toBe(sample.ok);
      expect(await count(), method).toBe(before + sample.rows);
    }
    const QUERY_REQUESTS: Partial<Record<ApiMethod, unknown>> = {
      'audit.list': {},
      'audit.activity': {},
      'servers.get': { id: 999 },
    };
    const queries = (Object.keys(API_METHODS) as ApiMethod[]).filter(
      (m) => API_METHODS[m] === 'query',
    );
    for (const method of queries) {
      const before = await count();
      await service.call(method, QUERY_REQUESTS[method], ctx);
      expect(await count(), method).toBe(before);
    }
    const mutations = (Object.keys(API_METHODS) as ApiMethod[]).filter(
      (m) => API_METHODS[m] === 'mutation',
    );
    expect(samples.map(([m]) => m).sort()).toEqual(mutations.sort());
  });

  it('rejects invalid requests with INVALID_REQUEST naming each problem, and changes nothing', async () => {
    const { service } = makeCore();
    const r = await service.call('settings.set', { theme: 'blue', colour: 'red' } as never, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_REQUEST');
    expect(r.error.message).toBe(
      'settings.set: theme: must be one of "system", "light", "dark"; unknown field "colour"',
    );
    expect(r.error.detail).toEqual({
      issues: [
        { path: 'theme', message: 'must be one of "system", "light", "dark"' },
        { path: '', message: 'unknown field "colour"' },
      ],
    });
    const empty = await service.call('settings.set', {}, ctx);
    expect(empty.ok ? '' : empty.error.message).toMatch(/nothing to change/);
    const list = await service.call('audit.list', { limit: 0 }, ctx);
    expect(list.ok ? '' : list.error.message).toBe('audit.list: limit: must be at least 1');
    const audit = await service.call('audit.list', {}, ctx);
    expect(audit.ok && audit.value.total).toBe(0);
    const settings = await service.call('settings.get', undefined, ctx);
    expect(settings.ok && settings.value).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses unknown methods as values, never by throwing', async () => {
    const { service } = makeCore();
    await expect(service.callUnchecked('settings.drop', {}, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    await expect(service.callUnchecked({ toString: 1 }, {}, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    await expect(service.callUnchecked('__proto__', {}, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('stores settings, records who changed what, and emits the events', async () => {
    const { service, clock } = makeCore();
    const audits: AuditEntry[] = [];
    const changes: Settings[] = [];
    service.events.subscribe('audit.appended', (e) => audits.push(e));
    service.events.subscribe('settings.changed', (s) => changes.push(s));

    const r = await service.call(
      'settings.set',
      { theme: 'dark', timeDisplay: 'utc' },
      { actor: 'gui:browser' },
    );
    expect(r.ok && r.value).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', timeDisplay: 'utc' });
    const got = await service.call('settings.get', undefined, ctx);
    expect(got.ok && got.value.theme).toBe('dark');

    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      time: clock.now,
      actor: 'gui:browser',
      action: 'settings.set',
      target: 'theme,timeDisplay',
      detail: {
        changes: {
          theme: { from: 'system', to: 'dark' },
          timeDisplay: { from: 'local', to: 'utc' },
        },
      },
    });
    expect(changes.map((s) => s.theme)).toEqual(['dark']);
  });

  it('pages the audit log newest first, filters by action prefix and searches literally', async () => {
    const { service, clock } = makeCore();
    for (let i = 0; i < 7; i++) {
      clock.now += 1000;
      await service.call('settings.set', { tableDensity: i % 2 ? 'compact' : 'comfortable' }, ctx);
    }
    const page1 = await service.call('audit.list', { limit: 3 }, ctx);
    if (!page1.ok) throw new Error(page1.error.message);
    expect(page1.value.total).toBe(7);
    expect(page1.value.entries.map((e) => e.id)).toEqual([7, 6, 5]);
    const page3 = await service.call('audit.list', { limit: 3, before: 2 }, ctx);
    expect(page3.ok && page3.value.entries.map((e) => e.id)).toEqual([1]);
    expect(page3.ok && page3.value.nextBefore).toBeUndefined();
    expect(page1.value.nextBefore).toBe(5);

    const byAction = await service.call('audit.list', { action: 'settings.' }, ctx);
    expect(byAction.ok && byAction.value.total).toBe(7);
    const none = await service.call('audit.list', { action: 'servers.' }, ctx);
    expect(none.ok && none.value.total).toBe(0);
    // '%' and '_' are literal characters, not wildcards.
    const wild = await service.call('audit.list', { search: '%' }, ctx);
    expect(wild.ok && wild.value.total).toBe(0);
    // Case-insensitive over the detail: the first entry changed nothing (comfortable was the
    // default); each later one names "compact" as its old or new value.
    const compact = await service.call('audit.list', { search: 'COMPACT' }, ctx);
    expect(compact.ok && compact.value.total).toBe(6);
  });

  it('counts audit activity per UTC day, with empty days as zero', async () => {
    const { service, clock } = makeCore();
    const day = 86_400_000;
    clock.now = Date.UTC(2026, 10, 20, 23, 59);
    await service.call('settings.set', { theme: 'dark' }, ctx);
    clock.now = Date.UTC(2026, 10, 22, 0, 1);
    await service.call('settings.set', { theme: 'light' }, ctx);
    await service.call('settings.set', { theme: 'dark' }, ctx);
    clock.now += day;
    const r = await service.call('audit.activity', { days: 4 }, ctx);
    expect(r.ok && r.value).toEqual([
      { day: '2026-11-20', count: 1 },
      { day: '2026-11-21', count: 0 },
      { day: '2026-11-22', count: 2 },
      { day: '2026-11-23', count: 0 },
    ]);
  });

  it('keeps serving other subscribers when one listener throws', async () => {
    const { service } = makeCore();
    const seen: number[] = [];
    service.events.subscribe('audit.appended', () => {
      throw new Error('broken window');
    });
    service.events.subscribe('audit.appended', (e) => seen.push(e.id));
    const r = await service.call('settings.set', { notifications: false }, ctx);
    expect(r.ok).toBe(true);
    expect(seen).toEqual([1]);
  });
});

describe('changes from another process', () => {
  it('reach this process as events (CLI and GUI share one store)', async () => {
    const gui = makeCore('browser');
    // A second connection to the same file, as the CLI process would have.
    const cliService = createAppService({
      store: openStore(path.join(gui.dataDir, 'mxwarden.db')),
      secrets: new MemorySecretStore(),
      host: 'cli',
      dataDir: gui.dataDir,
      watchIntervalMs: 0,
    });
    const gcore = createAppService({
      store: openStore(path.join(gui.dataDir, 'mxwarden.db')),
      secrets: new MemorySecretStore(),
      host: 'browser',
      dataDir: gui.dataDir,
      watchIntervalMs: 50,
    });
    const seen: AuditEntry[] = [];
    const changes: string[] = [];
    gcore.events.subscribe('audit.appended', (e) => seen.push(e));
    gcore.events.subscribe('settings.changed', (s) => changes.push(`${s.theme}/${s.timeDisplay}`));

    await gcore.call('settings.set', { timeDisplay: 'utc' }, { actor: 'gui:browser' });
    await cliService.call('settings.set', { theme: 'light' }, { actor: 'cli' });
    await new Promise((r) => setTimeout(r, 300));

    expect(seen.map((e) => [e.actor, e.target])).toEqual([
      ['gui:browser', 'timeDisplay'],
      ['cli', 'theme'],
    ]);
    // Its own change, then the other process's: each once.
    expect(changes).toEqual(['system/utc', 'light/utc']);
    cliService.close();
    gcore.close();
  });
});

describe('policy versions', () => {
  it('saves versions, refuses a save based on an outdated version, reverts, and announces changes', async () => {
    const { service } = makeCore();
    const versions: number[] = [];
    service.events.subscribe('policy.changed', (e) => versions.push(e.versionId));
    const first = await service.call(
      'policy.save',
      { policy: TEMPLATES.balanced(), message: 'start', baseVersionId: null },
      ctx,
    );
    expect(first.ok && first.value.versionId).toBe(1);
    const stricter = TEMPLATES.balanced();
    stricter.dnsbl.threshold = 4;
    expect(
      (
        await service.call(
          'policy.save',
          { policy: stricter, message: 'stricter', baseVersionId: 1 },
          ctx,
        )
      ).ok,
    ).toBe(true);
    // A second admin still editing from version 1 is told, not silently overwritten.
    const late = await service.call(
      'policy.save',
      { policy: TEMPLATES.strict(), message: 'mine', baseVersionId: 1 },
      ctx,
    );
    expect(late).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('Version 2 was saved since you started editing'),
      },
    });
    const diff = await service.call(
      'policy.diff',
      { from: { versionId: 1 }, to: { versionId: 2 } },
      ctx,
    );
    expect(diff.ok && diff.value.map((c) => c.text)).toEqual(['DNSBL threshold: 6 → 4']);
    const reverted = await service.call('policy.revert', { versionId: 1 }, ctx);
    expect(reverted.ok && reverted.value).toMatchObject({
      versionId: 3,
      policy: { dnsbl: { threshold: 6 } },
    });
    expect(versions).toEqual([1, 2, 3]);
    const invalid = await service.call(
      'policy.save',
      { policy: { ...TEMPLATES.balanced(), dnsbl: { threshold: 0 } }, message: 'x' },
      ctx,
    );
    expect(invalid.ok ? '' : invalid.error.message).toMatch(/^The policy is not valid: /);
  });
});
