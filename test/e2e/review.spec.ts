// The Review page with the keyboard only, in Debian's Chromium over the real core (`mxwarden
// serve` following the lab's mx3): a legitimate sender on a listed address is rejected by mx3 →
// Alt+4 opens Review with it on top and Check IP saying it is still refused → j, x, w, Enter
// whitelists its domain (only when SPF passes) → Enter on "Push now to mx3…", Enter, Enter
// pushes → the same sender retries and mx3 accepts it, and it has left the queue of senders to review.
// mx3 is restored afterwards as it was.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { clientByName, getTestLab, labPolicy, smtpSession, type Lab } from '../lab/index';
import { CLI, ROOT } from '../support/project';
import { screenPath } from '../support/screens';
import { startServe, type ServeProcess } from '../support/serve-process';
import { snapshotServer, type ServerSnapshot } from '../support/server-snapshot';
import { labSshFiles } from '../support/stats-core';

test.describe.configure({ mode: 'serial' });

const run = promisify(execFile);
let lab: Lab | undefined;
let labUnavailable = '';
let tmp: string;
let dataDir: string;
let serve: ServeProcess | undefined;
let page: Page;
let snapshot: ServerSnapshot | undefined;
const problems: string[] = [];

async function cli(...args: string[]): Promise<string> {
  const r = await run(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    maxBuffer: 16 << 20,
    timeout: 240_000,
  });
  return r.stdout;
}

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(300_000);
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
  const mx3 = lab.server('mx3');
  snapshot = await snapshotServer(lab, mx3);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-review-'));
  dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const { knownHosts, sshConfig } = labSshFiles(lab, dataDir);
  await cli(
    ...['settings', 'set', 'knownHostsPath', knownHosts, 'sshConfigPath', sshConfig],
    ...['dnsServers', lab.dns.appServer],
  );
  await cli(
    ...['servers', 'add', 'mx3', '--host', mx3.ssh.host, '--port', String(mx3.ssh.port)],
    ...['--user', 'root', '--key', lab.keys.plain],
  );
  await cli('servers', 'test', 'mx3');
  await cli('servers', 'inspect', 'mx3');
  // mx3 filters as the lab policy says (zen.lab.example rejects on its own); it runs no postgrey.
  const policy = labPolicy();
  policy.greylisting.enabled = false;
  const file = path.join(tmp, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  await cli('policy', 'save', file, '--message', 'lab policy, no greylisting');
  // Whatever another suite left on the shared lab server is overwritten (drift included).
  await cli('push', '--servers', 'mx3', '--yes', '--overwrite-drift', 'mx3');
  serve = await startServe(dataDir, ['--quiet']);
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(serve.url);
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
});

test.afterAll(async () => {
  await page?.close();
  await serve?.stop();
  await snapshot?.restore();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function skipReason(name: string, reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${name} — skipped: ${reason}\n`);
}

test('keyboard only: open Review, select, whitelist, push, see the result', async () => {
  if (!lab) {
    skipReason('review keyboard', `the mail lab is unavailable: ${labUnavailable}`);
    test.skip(true, `skipped: the mail lab is unavailable: ${labUnavailable}`);
    return;
  }
  test.setTimeout(240_000);
  const mx3 = lab.server('mx3');
  const shared = clientByName('shared');
  const send = () =>
    smtpSession({
      port: mx3.smtpdPort,
      source: shared.address,
      helo: shared.helo as string,
      mailFrom: shared.mailFrom as string,
      rcptTo: ['alice@lab.example'],
      data: 'Subject: review e2e\r\n\r\nhello\r\n',
    });
  expect((await send()).outcome).toBe('rejected');

  await page.keyboard.press('Alt+4');
  await expect(page.locator('h1')).toHaveText('Review');
  const row = page.locator('[data-testid="review-row"][data-key="domain:shared.example"]');
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('review-row').first()).toHaveAttribute(
    'data-key',
    'domain:shared.example',
  );
  await page.keyboard.press('j');
  await expect(row).toBeFocused();
  await page.keyboard.press('x');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-refused', 'true', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('review-reasons')).toContainText('SPF pass for shared.example');
  await expect(page.getByTestId('review-lines')).toContainText('127.10.0.20');
  await page.screenshot({ path: screenPath('review-queue'), fullPage: true });

  await page.keyboard.press('w');
  const dialog = page.getByTestId('whitelist-dialog');
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByRole('radio', { name: /Sender domain, only when SPF passes/ }),
  ).toBeChecked();
  await expect(dialog.getByTestId('whitelist-save')).toBeFocused();
  await page.screenshot({ path: screenPath('review-whitelist') });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const pushNow = page.getByTestId('review-push-now');
  await expect(pushNow).toHaveText(/Push now to mx3/);
  await expect(pushNow).toBeFocused();
  await page.keyboard.press('Enter');
  const push = page.getByTestId('push-dialog');
  await expect(push).toBeVisible();
  await expect(push.getByRole('button', { name: 'Review changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  const go = push.getByRole('button', { name: /^Push to 1 server/ });
  await expect(go).toBeFocused({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(push.getByTestId('push-summary')).toHaveAttribute('data-outcome', 'succeeded', {
    timeout: 120_000,
  });
  await expect(push.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(push).toBeHidden();

  // The result: the real Postfix now accepts the same sender; it has left the open queue.
  expect((await send()).outcome).toBe('accepted');
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: screenPath('review-done'), fullPage: true });
  expect(problems).toEqual([]);
});
