// The mxwarden command, in process, over a real store in a temp data directory.

import { describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main';
import { LATEST_SCHEMA_VERSION } from '../../../core/store/migrations';
import { capture } from '../../support/capture';
import { PACKAGE_VERSION } from '../../support/project';
import { tempDir } from '../../support/temp';

const dataDir = tempDir();

async function cli(...args: string[]) {
  const c = capture();
  const code = await runCli(['--data-dir', dataDir, ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('mxwarden CLI', () => {
  it('prints its version and help', async () => {
    expect((await cli('--version')).out.trim()).toBe(PACKAGE_VERSION);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Commands:[\s\S]*audit[\s\S]*info[\s\S]*settings/);
  });

  it('info --json reports the data directory and schema', async () => {
    const r = await cli('info', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      dataDir,
      schemaVersion: LATEST_SCHEMA_VERSION,
      host: 'cli',
    });
  });

  it('settings set writes the store and an audit row attributed to the CLI', async () => {
    expect((await cli('settings', 'set', 'theme', 'dark', 'notifications', 'false')).code).toBe(0);
    const get = await cli('settings', 'get', '--json');
    expect(JSON.parse(get.out)).toMatchObject({ theme: 'dark', notifications: false });
    const audit = await cli('audit', 'list', '--json');
    const entries = (
      JSON.parse(audit.out) as { entries: { actor: string; action: string; target: string }[] }
    ).entries;
    expect(entries[0]).toMatchObject({
      actor: 'cli',
      action: 'settings.set',
      target: 'notifications,theme',
    });
    const table = await cli('audit', 'list');
    expect(table.out).toMatch(/^time \(UTC\)\s+actor\s+action/m);
    expect(table.out).toMatch(/1 of 1 entries/);
  });

  it('explains bad values (exit 1) and bad usage (exit 2)', async () => {
    const bad = await cli('settings', 'set', 'theme', 'purple');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('settings.set: theme: must be one of "system", "light", "dark"');
    const unknownKey = await cli('settings', 'get', 'colour');
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.err).toMatch(/unknown setting "colour"[\s\S]*Usage: mxwarden settings/);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('audit', 'list', '--limit', 'many')).code).toBe(2);
    expect((await cli('audit', 'list', '--bogus')).code).toBe(2);
  });
});
