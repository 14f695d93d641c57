// Pushing from the app, in Debian's Chromium over the real core (`mxwarden serve`) and the lab's
// three servers (mx1 as root, mx2 and mx3 as the sudo-limited mailadmin): the CLI pushes the lab
// baseline (plan, --yes, --json, idempotent re-push, a dry run that swaps nothing, no push off a
// terminal without --yes); the UI pushes a changed whitelist to the fleet (diff first, live
// progress, history on the server page); a push during which Postfix stops on mx3 ends with mx3
// rolled back and the report naming the step and the server's words; drift on mx2 is shown on
// its page and overwritten only after consent; the CLI exits non-zero when a server fails.
// The servers are restored afterwards as they were.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { PushSummary } from '../../core/app/types/push';
import { getTestLab, labPolicy, type Lab } from '../lab/index';
import { makeLabHome } from '../support/lab-home';
import { cliOk, labEnv, runCli } from '../support/lab-cli';
import { ROOT } from '../support/project';
import { screenPath } from '../support/screens';
import { startServe, type ServeProcess } from '../support/serve-process';
import { configHashes, snapshotServer, type ServerSnapshot } from '../support/server-snapshot';

test.describe.configure({ mode: 'serial' });

let lab: Lab | undefined;
let labUnavailable = '';
let tmp: string;
let home: string;
let data: string;
let serve: ServeProcess | undefined;
let page: Page;
const snapshots: ServerSnapshot[] = [];
const problems: string[] = [];
let version = 0;

function skipReason(name: string, reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${name} — skipped: ${reason}\n`);
}

const cli = (args: string[]) => cliOk(data, home, args, 240_000);

/** Saves the lab policy with these extra allowlist entries, through the CLI; returns its version. */
function saveVersion(message: string, allow: string[] = [], delay = 5): number {
  const p = labPolicy({ greylistDelaySeconds: delay });
  for (const value of allow) p.clients.allow.push({ value, source: 'manual', note: message });
  const file = path.join(tmp, `policy-${++version}.json`);
  fs.writeFileSync(file, JSON.stringify(p));
  const out = cli(['policy', 'save', file, '--message', message]);
  const m = /version (\d+)/.exec(out);
  if (!m) throw new Error(`policy save said: ${out}`);
  return Number(m[1]);
}

const pushJson = (args: string[]) => {
  const r = runCli(data, home, ['push', ...args, '--json'], { timeoutMs: 240_000 });
  return { ...r, summary: r.status === 2 ? undefined : (JSON.parse(r.stdout) as PushSummary) };
};

const withoutState = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !/state(\.pending)?\.json$/.test(k)));

/** The Servers page (Alt+3), then the server's row (rows open on click and on Enter). */
async function openServer(name: string): Promise<void> {
  await page.keyboard.press('Alt+3');
  await page
    .locator('tbody tr', {
      has: page.locator('.server-name', { hasText: new RegExp(`^${name}$`) }),
    })
    .click();
  await expect(page.locator('h1')).toHaveText(name);
}

/** The managed directory of a lab server, as seen from the host. */
async function managedDir(name: string): Promise<string> {
  const l = lab as Lab;
  const dir = (await l.exec(name, ['postconf', '-h', 'config_directory'])).stdout.trim();
  return path.join(l.server(name).root, dir, 'mxwarden');
}

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(420_000);
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) {
    labUnavailable = unavailable;
    return;
  }
  try {
    lab = await getTestLab();
  } catch (e) {
    labUnavailable = (e as Error).message;
    return;
  }
  for (const s of lab.servers) snapshots.push(await snapshotServer(lab, s));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-push-'));
  home = path.join(tmp, 'home');
  data = path.join(tmp, 'data');
  const labHome = makeLabHome(home, lab);
  fs.writeFileSync(
    labHome.knownHosts,
    lab.servers.map((s) => `${s.ssh.knownHostsLine}\n`).join(''),
  );
  cli(['servers', 'add', 'mx1', '--host', 'lab-mx1', '--tag', 'edge']);
  cli(['servers', 'add', 'mx2', '--host', 'lab-mx2', '--user', 'mailadmin', '--tag', 'edge']);
  cli(['servers', 'add', 'mx3', '--host', 'lab-mx3', '--user', 'mailadmin', '--tag', 'inner']);
  cli(['servers', 'inspect', '--all']);
  saveVersion('lab baseline');
  serve = await startServe(data, [], labEnv(home));
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
  if (lab) for (const s of snapshots) await s.restore();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test.beforeEach(() => {
  if (!lab) {
    const reason = `the mail lab is unavailable: ${labUnavailable}`;
    skipReason(test.info().title, reason);
    test.skip(true, reason);
  }
});

test('CLI: the baseline lands on all three, a re-push changes nothing, a dry run swaps nothing', async () => {
  test.setTimeout(300_000);
  const first = pushJson(['--all', '--yes']);
  const why = JSON.stringify(
    first.summary?.servers.map((s) => [s.serverName, s.outcome, s.failedStep, s.error?.message]),
  );
  expect(first.status, why).toBe(0);
  expect(first.summary?.outcome).toBe('succeeded');
  // Earlier suites on the same lab may already have left a server with exactly this version.
  for (const s of first.summary?.servers ?? [])
    expect(['applied', 'unchanged']).toContain(s.outcome);
  expect(first.summary?.servers.some((s) => s.outcome === 'applied')).toBe(true);
  // The plan came first (on stderr, since stdout carries the JSON).
  expect(first.stderr).toContain('Plan: policy version 1');
  expect(first.stderr).toMatch(/mx2: \d+ files?, \d+ main\.cf settings?.*change/);

  const again = pushJson(['--all', '--yes']);
  expect(again.status).toBe(0);
  expect(again.summary?.servers.map((s) => s.outcome)).toEqual([
    'unchanged',
    'unchanged',
    'unchanged',
  ]);

  const v = saveVersion('greylist delay 6 s; allow 192.0.2.0/25', ['192.0.2.0/25'], 6);
  // Off a terminal, a push that would change something is not made without --yes.
  const asked = runCli(data, home, ['push', '--tag', 'edge']);
  expect(asked.status).toBe(2);
  expect(asked.stderr).toContain('add --yes to push');
  expect(asked.stdout).toContain(`Plan: policy version ${v}`);
  expect(asked.stdout).toMatch(/postgrey options:\n\s+− .*--delay=5.*\n\s+\+ .*--delay=6/);

  const l = lab as Lab;
  const before = l.servers.map((s) => configHashes(l, s));
  const dry = pushJson(['--all', '--dry-run']);
  expect(dry.status, dry.stderr).toBe(0);
  expect(dry.summary?.dryRun).toBe(true);
  expect(dry.summary?.servers.map((s) => s.outcome)).toEqual([
    'validated',
    'validated',
    'validated',
  ]);
  expect(l.servers.map((s) => configHashes(l, s))).toEqual(before);
});

test('UI: a changed whitelist, its diff per server, live progress, and the history', async () => {
  test.setTimeout(240_000);
  await page.keyboard.press('Alt+2');
  await expect(page.locator('h1')).toHaveText('Policy');
  await page.getByRole('tab', { name: /^Lists/ }).click();
  const add = page.getByRole('form', { name: /Add to the client allowlist/ });
  await add.getByLabel('New entry').fill('198.51.100.0/24');
  await add.getByLabel('Note').fill('partner relay');
  await add.getByLabel('New entry').press('Enter');
  await page.keyboard.press('Control+s');
  const save = page.getByTestId('save-dialog');
  await save.getByLabel('What changed, and why').fill('allow the partner relay');
  await save.getByLabel('What changed, and why').press('Enter');
  await expect(save).toBeHidden();

  await page.getByRole('button', { name: 'Push…' }).click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('push-version')).toContainText(
    'allow the partner relay (current)',
  );
  await dialog.getByRole('radio', { name: /^All servers/ }).check();
  await dialog.getByRole('button', { name: 'Review changes' }).click();
  const plans = dialog.getByTestId('push-plan');
  await expect(plans).toHaveCount(3, { timeout: 60_000 });
  for (const name of ['mx1', 'mx2', 'mx3']) {
    const plan = dialog.locator(`[data-testid="push-plan"][data-server="${name}"]`);
    await plan.locator(':scope > summary').click();
    const allow = plan.locator('[data-testid="file-diff"][data-path$="client_allow.cidr"]');
    await expect(allow.locator('.diff-row--add')).toContainText(['198.51.100.0/24']);
  }
  await page.screenshot({ path: screenPath('push-review') });

  await dialog.getByRole('button', { name: /^Push to 3 servers/ }).click();
  const progress = dialog.getByTestId('push-progress');
  await expect(progress).toBeVisible();
  // Live: a step is seen done on the canary before the push as a whole has finished.
  await expect(
    progress.locator('tr[data-server="mx1"] td[data-step="stage"] .push-step--ok'),
  ).toBeVisible({
    timeout: 60_000,
  });
  const whileRunning = await dialog.getByTestId('push-summary').count();
  await page.screenshot({ path: screenPath('push-progress') });
  const summary = dialog.getByTestId('push-summary');
  await expect(summary).toHaveAttribute('data-outcome', 'succeeded', { timeout: 120_000 });
  expect(whileRunning).toBe(0);
  await expect(dialog.locator('[data-testid="push-result"][data-outcome="applied"]')).toHaveCount(
    3,
  );
  await page.screenshot({ path: screenPath('push-summary') });

  // On the servers themselves: the new line is in what Postfix reads.
  for (const name of ['mx1', 'mx2', 'mx3']) {
    const l = lab as Lab;
    const maps = (await l.exec(name, ['postconf', '-h', 'smtpd_client_restrictions'])).stdout;
    const cidr = /cidr:(\S+client_allow\.cidr)/.exec(maps)?.[1];
    const file = cidr
      ? cidr
      : (
          await l.exec(name, ['sh', '-c', 'ls /etc/postfix*/mxwarden/postfix-*/client_allow.cidr'])
        ).stdout
          .trim()
          .split('\n')
          .pop();
    expect(file, name).toBeTruthy();
    const text = fs.readFileSync(path.join(l.server(name).root, file as string), 'utf8');
    expect(text, name).toContain('198.51.100.0/24');
  }

  await dialog.getByRole('button', { name: 'Close' }).click();
  await openServer('mx2');
  const history = page.getByTestId('push-history');
  const row = history.getByTestId('push-row').first();
  await expect(row).toContainText('Applied');
  await expect(row).toContainText(/v\d+/);
  await row.press('Enter');
  const details = page.getByTestId('push-details');
  await expect(details.locator('[data-server="mx2"] tr[data-step="verify"]')).toContainText('ok');
  await page.screenshot({ path: screenPath('push-history-details') });
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('UI: Postfix stops on mx3 during a push — mx3 is rolled back, the others land', async () => {
  test.setTimeout(240_000);
  const l = lab as Lab;
  const mx3Before = withoutState(configHashes(l, 'mx3'));
  saveVersion('allow the partner relay and a second network', [
    '198.51.100.0/24',
    '203.0.113.0/24',
  ]);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);

  // The fault: when mx3's staging directory appears, Postfix is stopped there (as an admin
  // might during maintenance); the push validates, swaps, and its reload then fails.
  const dir = await managedDir('mx3');
  let stopped = false;
  const watcher = setInterval(() => {
    if (stopped || !fs.existsSync(dir)) return;
    if (fs.readdirSync(dir).some((e) => e.startsWith('.stage-'))) {
      stopped = true;
      void l.postfix('mx3', 'stop');
    }
  }, 20);
  try {
    await page.getByRole('button', { name: 'Push…' }).first().click();
    const dialog = page.getByTestId('push-dialog');
    await dialog.getByRole('radio', { name: /^All servers/ }).check();
    await dialog.getByRole('button', { name: 'Review changes' }).click();
    await expect(dialog.getByTestId('push-plan')).toHaveCount(3, { timeout: 60_000 });
    await dialog.getByRole('button', { name: /^Push to 3 servers/ }).click();
    const summary = dialog.getByTestId('push-summary');
    await expect(summary).toHaveAttribute('data-outcome', 'partial', { timeout: 150_000 });
    expect(stopped).toBe(true);
    const mx3 = dialog.locator('[data-testid="push-result"][data-server="mx3"]');
    await expect(mx3).toHaveAttribute('data-outcome', 'rolled-back');
    await expect(mx3.getByTestId('failed-step')).toHaveText('at Reload');
    await expect(mx3).toContainText('has its previous configuration');
    await expect(mx3.getByTestId('server-output')).toContainText(/not running/);
    for (const name of ['mx1', 'mx2'])
      await expect(
        dialog.locator(`[data-testid="push-result"][data-server="${name}"]`),
      ).toHaveAttribute('data-outcome', 'applied');
    await page.screenshot({ path: screenPath('push-rollback') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenPath('push-rollback-dark') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    clearInterval(watcher);
  }
  // mx3: exactly its previous files, and Postfix running again (the rollback started it).
  expect(withoutState(configHashes(l, 'mx3'))).toEqual(mx3Before);
  expect((await l.exec('mx3', ['postfix', 'status'])).code).toBe(0);
});

test('UI: drift on mx2 is shown on its page and overwritten only with consent', async () => {
  test.setTimeout(180_000);
  const dir = await managedDir('mx2');
  const version = fs.readdirSync(dir).filter((e) => e.startsWith('postfix-'));
  const file = version
    .map((d) => path.join(dir, d, 'client_allow.cidr'))
    .find((f) => fs.existsSync(f) && fs.readFileSync(f, 'utf8').includes('203.0.113.0/24'));
  expect(file).toBeTruthy();
  fs.appendFileSync(file as string, '10.9.9.9 OK\n');

  await openServer('mx2');
  const card = page.getByTestId('drift-card');
  await card.getByRole('button', { name: 'Check for drift' }).click();
  const report = card.getByTestId('drift-report');
  await expect(report).toHaveAttribute('data-count', '1', { timeout: 60_000 });
  await expect(report.locator('.diff-row--add')).toContainText(['10.9.9.9 OK']);
  await page.screenshot({ path: screenPath('push-drift') });

  // "Overwrite with the policy…" opens the push with consent given for mx2 only.
  await card.getByRole('button', { name: 'Overwrite with the policy…' }).click();
  const dialog = page.getByTestId('push-dialog');
  await dialog.getByRole('button', { name: 'Review changes' }).click();
  const plan = dialog.locator('[data-testid="push-plan"][data-server="mx2"]');
  await expect(plan.getByTestId('push-drift')).toContainText('10.9.9.9 OK', { timeout: 60_000 });
  await expect(plan.getByLabel('Overwrite these changes with the policy')).toBeChecked();
  await dialog.getByRole('button', { name: /^Push to 1 server/ }).click();
  await expect(dialog.getByTestId('push-summary')).toHaveAttribute('data-outcome', 'succeeded', {
    timeout: 90_000,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await card.getByRole('button', { name: 'Check for drift' }).click();
  await expect(card.getByTestId('drift-report')).toHaveAttribute('data-count', '0', {
    timeout: 60_000,
  });
  await expect(card).toContainText('No drift');
  expect(fs.readFileSync(file as string, 'utf8')).not.toContain('10.9.9.9');
});

test('CLI: history and details of the rollback; a failing server makes the exit code 1', async () => {
  test.setTimeout(180_000);
  const history = JSON.parse(
    cli(['push', 'history', '--server', 'mx3', '--json']),
  ) as PushSummary[];
  const failed = history.find((p) =>
    p.servers.some((s) => s.serverName === 'mx3' && s.outcome === 'rolled-back'),
  );
  expect(failed, JSON.stringify(history.map((p) => p.outcome))).toBeTruthy();
  const shown = cli(['push', 'show', (failed as PushSummary).id]);
  expect(shown).toMatch(/mx3\s+rolled-back\s+reload/);
  expect(shown).toContain('server said:');

  const l = lab as Lab;
  saveVersion('a third network', ['198.51.100.0/24', '203.0.113.0/24', '192.0.2.0/25']);
  await l.postfix('mx2', 'stop');
  try {
    const r = pushJson(['--servers', 'mx2,mx3', '--yes']);
    expect(r.status).toBe(1);
    const mx2 = r.summary?.servers.find((s) => s.serverName === 'mx2');
    expect(mx2?.outcome).toBe('failed');
    expect(mx2?.error?.message).toContain('Postfix is not running on mx2');
    // mx2 was the canary: mx3 was not touched.
    expect(r.summary?.servers.find((s) => s.serverName === 'mx3')?.outcome).toBe('skipped');
  } finally {
    await l.postfix('mx2', 'start');
  }
});

test('no console errors or warnings on the way', () => {
  expect(problems).toEqual([]);
});
