// The Servers pages in Debian's Chromium over the real core (`mxwarden serve`): adding servers,
// validation, an unreachable one, editing and removing; then against the mail lab's mx1: added
// by its ~/.ssh/config alias, its host key confirmed in the trust-on-first-use dialog, inspected
// (Postfix version, DNS lists), and refused in red once its host key changes.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureLab, getTestLab, stopLab, TEST_LAB, type Lab } from '../lab/index';
import { makeLabHome } from '../support/lab-home';
import { CLI, requireBuild, ROOT } from '../support/project';
import { screenPath } from '../support/screens';

test.describe.configure({ mode: 'serial' });

interface Serve {
  url: string;
  stop(): Promise<void>;
}

/**
 * `mxwarden serve` with its own $HOME, so ~/.ssh (config, known_hosts) is a throw-away one.
 * (test/support/serve-process.ts passes arguments only, not the environment.)
 */
async function startServe(dataDir: string, home: string): Promise<Serve> {
  requireBuild();
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  delete env.SSH_AUTH_SOCK; // the keys are the lab's, never the machine's agent
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, '--data-dir', dataDir, 'serve', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL; stderr: ${err}`)),
      15_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Says why a test could not run here, in the place CI collects the reasons. */
function skipReason(name: string, reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${name} — skipped: ${reason}\n`);
}

let lab: Lab | undefined;
let labUnavailable = '';
let labStarted = false;

/**
 * The `test` lab: the Playwright global setup (test/e2e/global-setup.ts) runs it and says in
 * MXWARDEN_LAB_UNAVAILABLE why it could not; run without that setup, this file starts it itself.
 */
async function attachLab(): Promise<void> {
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) {
    labUnavailable = unavailable;
    return;
  }
  try {
    if (unavailable === '') lab = await getTestLab();
    else ({ lab, started: labStarted } = await ensureLab({ name: TEST_LAB }));
  } catch (e) {
    labUnavailable = (e as Error).message;
  }
}
let tmp: string;
let home: string;
let serve: Serve;
let page: Page;
const problems: string[] = [];

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(240_000); // a cold lab start builds its servers
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-servers-'));
  home = path.join(tmp, 'home');
  await attachLab();
  if (lab) {
    makeLabHome(home, lab);
  } else {
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(home, '.ssh', 'config'), '');
  }
  // A key of its own, so that a server where nothing answers is actually tried.
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-f',
    path.join(home, '.ssh', 'e2e_key'),
  ]);
  serve = await startServe(path.join(tmp, 'data'), home);
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(serve.url);
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
});

test.afterAll(async () => {
  await page?.close();
  await serve?.stop();
  if (labStarted) await stopLab(TEST_LAB);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const addDialog = () => page.getByTestId('add-server-dialog');
const row = (name: string | RegExp) => page.getByRole('row', { name });

test('empty list says what will appear and how to add the first server', async () => {
  await page.keyboard.press('Alt+3');
  const empty = page.locator('.empty-state');
  await expect(empty).toContainText('No servers yet');
  await expect(empty.locator('ol li')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Inspect all' })).toBeDisabled();
  await page.screenshot({ path: screenPath('servers-empty') });
});

test('the add dialog checks fields before saving, and the API’s refusals show next to them', async () => {
  await page.getByRole('button', { name: 'Add server' }).first().click();
  const dialog = addDialog();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Host and port' }).check({ force: true });
  const host = dialog.getByRole('textbox', { name: 'Host' });
  await host.fill('bad host');
  await dialog.getByRole('textbox', { name: 'Port' }).fill('70000');
  await dialog.getByRole('textbox', { name: 'Identity file' }).fill('keys/id');
  await host.press('Enter');
  await expect(dialog.getByText('A host has no spaces or control characters.')).toBeVisible();
  await expect(dialog.getByText('From 1 to 65535, or empty.')).toBeVisible();
  await expect(dialog.getByText('Use an absolute path, or one starting with ~/.')).toBeVisible();
  await expect(host).toBeFocused(); // the first field to fix
  await page.screenshot({ path: screenPath('servers-add-invalid') });

  // Only the API knows the name's limit: its issue comes back next to the name.
  await host.fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'Port' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Identity file' }).fill('');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('n'.repeat(201));
  await dialog.getByRole('button', { name: 'Add and test' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'at most 200' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a server where nothing answers is added, tested, and reported unreachable', async () => {
  // Names are data: shell metacharacters and a newline are shown exactly as typed.
  const name = 'edge; $(id) `x` "q"\nline 2';
  await page.getByRole('button', { name: 'Add server' }).first().click();
  const dialog = addDialog();
  await dialog.getByRole('radio', { name: 'Host and port' }).check({ force: true });
  await dialog.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'Port' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Identity file' }).fill('~/.ssh/e2e_key');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Tags' }).fill('eu, $(tag)');
  await dialog.getByRole('button', { name: 'Add and test' }).click();
  await expect(dialog).toBeHidden();
  const r = row(/edge; \$\(id\)/);
  await expect(r.locator('.server-name')).toHaveText(name);
  await expect(r.getByTestId('server-status')).toHaveText('unreachable');
  await expect(r.getByTestId('server-status')).toHaveAttribute('title', /Nothing answers SSH/);
  await expect(r.getByRole('listitem')).toHaveText(['eu', '$(tag)']);
  await page.screenshot({ path: screenPath('servers-unreachable') });

  // The same name again is refused next to the name field.
  await page.getByRole('button', { name: 'Add server' }).first().click();
  await addDialog().getByRole('radio', { name: 'Host and port' }).check({ force: true });
  await addDialog().getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await addDialog().getByRole('textbox', { name: 'Name' }).fill(name);
  await addDialog().getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(addDialog().getByRole('alert')).toContainText('already exists');
  await page.keyboard.press('Escape');
});

test('filter box ("/"), tag chips, and Enter on a row opens the server', async () => {
  await page.getByRole('button', { name: 'Add server' }).first().click();
  await addDialog().getByRole('radio', { name: 'Host and port' }).check({ force: true });
  await addDialog().getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await addDialog().getByRole('textbox', { name: 'Port' }).fill('1');
  await addDialog().getByRole('textbox', { name: 'Name' }).fill('plain');
  await addDialog().getByRole('textbox', { name: 'Tags' }).fill('us');
  await addDialog().getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(page.getByTestId('servers-count')).toHaveText('2 servers');

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('no such server');
  await expect(page.getByTestId('servers-count')).toHaveText('0 of 2 servers');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '$(tag)', exact: true }).click();
  await expect(page.getByTestId('servers-count')).toHaveText('1 of 2 servers');
  await expect(page).toHaveURL(/tag=/); // kept when coming back from a server's page
  await row(/edge; \$\(id\)/).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/servers\/\d+$/);
  await expect(page.locator('h1')).toContainText('edge; $(id)');
});

test('the server page edits its settings and removes it after confirmation', async () => {
  const form = page.getByRole('form', { name: 'Connection settings' });
  await form.getByRole('textbox', { name: 'Tags' }).fill('eu, canary');
  await form.getByRole('textbox', { name: 'Notes' }).fill('<b>not bold</b>');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.page-header')).toContainText('canary');
  await expect(page.locator('p.notes')).toHaveText('<b>not bold</b>');
  await page.screenshot({ path: screenPath('servers-detail-edited') });

  await page.getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByTestId('remove-dialog');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Remove server' }).click();
  await expect(page).toHaveURL(/#\/servers$/);
  await expect(row(/edge; \$\(id\)/)).toHaveCount(0);
  expect(problems).toEqual([]);
});

/** The running lab, or the test is skipped with the reason. */
function needLab(): Lab {
  if (!lab) {
    const reason = `the mail lab is unavailable: ${labUnavailable}`;
    skipReason(test.info().title, reason);
    test.skip(true, reason);
    throw new Error('unreachable');
  }
  return lab;
}

test.describe('against the mail lab', () => {
  test('mx1 added by its ~/.ssh/config alias; its host key confirmed and pinned', async () => {
    const mx1 = needLab().server('mx1');
    await page.getByRole('button', { name: 'Add server' }).first().click();
    const dialog = addDialog();
    await expect(dialog.getByLabel('SSH config alias')).toBeFocused();
    await dialog.getByLabel('SSH config alias').selectOption('lab-mx1');
    await dialog.getByRole('textbox', { name: 'Tags' }).fill('lab, postscreen');
    await page.screenshot({ path: screenPath('servers-add-alias') });
    await dialog.getByLabel('SSH config alias').press('Enter');

    const tofu = page.getByTestId('host-key-dialog');
    await expect(tofu).toBeVisible();
    await expect(tofu.getByTestId('host-key-fingerprint')).toHaveText(mx1.ssh.hostKeyFingerprint);
    await expect(tofu).toContainText(`127.0.0.1:${mx1.ssh.port}`);
    await expect(tofu.getByRole('button', { name: 'Refuse' })).toBeFocused(); // Enter pins nothing
    await page.screenshot({ path: screenPath('servers-tofu') });
    await tofu.getByRole('button', { name: 'Accept and pin' }).click();
    await expect(tofu).toBeHidden();

    await expect(row(/lab-mx1/).getByTestId('server-status')).toHaveText('reachable, as root');
    const knownHosts = fs.readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8');
    expect(knownHosts).toContain(mx1.ssh.knownHostsLine.split(' ').slice(1).join(' '));
    await page.screenshot({ path: screenPath('servers-mx1-reachable') });
  });

  test('mx1 inspected: its Postfix version and its DNS lists with their weights', async () => {
    const expected = needLab().server('mx1').expected;
    await row(/lab-mx1/).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Not inspected yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    await expect(page.getByTestId('postfix-version')).toHaveText(expected.postfixVersion, {
      timeout: 30_000,
    });
    const rbls = page.getByTestId('rbl-row');
    await expect(rbls).toHaveCount(expected.rbls.length);
    for (const rbl of expected.rbls) {
      const r = rbls.filter({ hasText: rbl.zone }).filter({ hasText: rbl.filter ?? 'any' });
      const weight = `${rbl.weight > 0 ? '+' : rbl.weight < 0 ? '−' : ''}${Math.abs(rbl.weight)}`;
      await expect(r.locator('.rbl-weight .num')).toHaveText(weight);
      if (rbl.weight < 0) await expect(r).toContainText('allowlist');
      await expect(r).toContainText(rbl.via);
    }
    if (expected.dnsblThreshold !== undefined)
      await expect(page.getByTestId('dnsbl-threshold')).toHaveText(String(expected.dnsblThreshold));
    await expect(page.getByTestId('log-source')).toContainText(expected.logFile);
    await page.setViewportSize({ width: 1320, height: 3000 }); // the page scrolls inside <main>
    await page.screenshot({ path: screenPath('servers-mx1-inspected') });
    await page.setViewportSize({ width: 1320, height: 860 });
  });

  test('mx1 with a new host key is refused, in red, with OpenSSH’s warning', async () => {
    const mx1 = needLab().server('mx1');
    const before = fs.readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8');
    const fingerprint = await needLab().regenerateHostKey(mx1);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const refused = page.getByTestId('host-key-refused');
    await expect(refused).toBeVisible({ timeout: 20_000 });
    await expect(refused.locator('pre')).toContainText('REMOTE HOST IDENTIFICATION HAS CHANGED');
    await expect(refused).toContainText(fingerprint);
    await expect(refused.getByRole('button')).toHaveCount(0); // nothing to accept it with
    await expect(page.getByTestId('host-key-dialog')).toHaveCount(0);
    expect(fs.readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(before);
    await page.screenshot({ path: screenPath('servers-host-key-changed') });

    await page.keyboard.press('Alt+3');
    await expect(row(/lab-mx1/).getByTestId('server-status')).toHaveText('host key changed');
    expect(problems).toEqual([]);
  });
});
