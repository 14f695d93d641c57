// The Senders page in Debian's Chromium over the real core (`mxwarden serve`) and the mail lab's
// DNS: the catalog from the offline snapshot (labelled as such, never as live), a provider's
// detail, and a refresh from the lab DNS that shows live data and the exact diff when the
// provider's record changes (published into the running lab DNS).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { rotatingZone } from '../lab/internet-providers';
import { getTestLab, type Lab } from '../lab/index';
import { CLI, ROOT } from '../support/project';
import { screenPath } from '../support/screens';
import { startServe, type ServeProcess } from '../support/serve-process';

test.describe.configure({ mode: 'serial' });

let lab: Lab;
let tmp: string;
let dataDir: string;
let serve: ServeProcess;
let page: Page;
const problems: string[] = [];

function skipReason(reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `senders.spec.ts — skipped: ${reason}\n`);
}

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8' });

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(120_000);
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) {
    skipReason(`the mail lab is unavailable: ${unavailable}`);
    test.skip(true, `the mail lab is unavailable: ${unavailable}`);
    return;
  }
  lab = await getTestLab();
  await lab.clearPublishedZones();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-senders-'));
  dataDir = path.join(tmp, 'data');
  cli('settings', 'set', 'dnsServers', lab.dns.appServer);
  cli(
    'senders',
    'add',
    'lab-rotating',
    '--name',
    'Lab rotating',
    '--category',
    'bulk',
    '--spf',
    '_spf.rotating.example',
  );
  serve = await startServe(dataDir);
  const context = await browser.newContext({ viewport: { width: 1320, height: 1600 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(serve.url);
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Senders', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Senders' })).toBeVisible();
});

test.afterAll(async () => {
  await lab?.clearPublishedZones();
  await page?.context().close();
  await serve?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('shows the catalog from the dated offline snapshot, never as live data', async () => {
  await expect(page.getByTestId('senders-snapshot-note')).toContainText(
    'All providers show the offline snapshot of 2026-11-23 shipped with mxwarden — not live data.',
  );
  const table = page.getByRole('table', { name: 'Cloud senders' });
  await expect(table.locator('tbody tr')).toHaveCount(34); // 33 in the catalog + the lab's
  await expect(page.getByTestId('senders-count')).toHaveText(
    /^34 providers · catalog 2026\.11\.1$/,
  );
  await page.getByPlaceholder(/Filter by name/).fill('google');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await table.locator('tbody tr').first().click();
  const detail = page.getByTestId('sender-detail');
  await expect(detail.getByTestId('sender-origin')).toContainText(
    'Offline snapshot of 2026-11-23 — not live data.',
  );
  await expect(detail).toContainText('74.125.0.0/16');
  await expect(detail).toContainText('2a00:1450:4864::/56');
  await page.screenshot({ path: screenPath('senders-snapshot'), fullPage: true });
  expect(problems).toEqual([]);
});

test('refreshes a provider from DNS and shows the exact diff when its record changes', async () => {
  await page.getByPlaceholder(/Filter by name/).fill('lab-');
  const table = page.getByRole('table', { name: 'Cloud senders' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await table.locator('tbody tr').first().click();
  const detail = page.getByTestId('sender-detail');
  await detail.getByRole('button', { name: 'Refresh from DNS' }).click();
  await expect(detail.getByTestId('sender-origin')).toContainText(`Live read`);
  await expect(detail.getByTestId('sender-origin')).toContainText(lab.dns.appServer);
  await expect(detail).toContainText('127.60.8.0/22');
  await expect(table.locator('tbody tr').first()).toContainText('Live');

  await lab.publishZones([rotatingZone('after')]);
  await detail.getByRole('button', { name: 'Refresh from DNS' }).click();
  const diff = detail.getByTestId('sender-diff');
  await expect(diff).toContainText('Changes since the refresh before');
  await expect(diff).toContainText('+ 127.60.5.0/24');
  await expect(diff).toContainText('+ 2001:db8:60:1::/64');
  await expect(diff).toContainText('− 127.60.10.0/23');
  await expect(diff).toContainText('− 2001:db8:60::/64');
  await expect(table.locator('tbody tr').first()).toContainText('changed');
  await page.screenshot({ path: screenPath('senders-diff'), fullPage: true });
  // The CLI reads the same store: the same diff, as data.
  const json = JSON.parse(cli('senders', 'list', '--json')) as {
    providers: { id: string; data: { origin: string; changed: boolean } }[];
  };
  expect(json.providers.find((p) => p.id === 'lab-rotating')?.data).toMatchObject({
    origin: 'live',
    changed: true,
  });
  expect(problems).toEqual([]);
});

test('whitelists a provider in one click: a new policy version, its status, stale after a change, push requested', async () => {
  await lab.clearPublishedZones();
  await page.getByPlaceholder(/Filter by name/).fill('lab-');
  const table = page.getByRole('table', { name: 'Cloud senders' });
  const row = table.locator('tbody tr').first();
  const detail = page.getByTestId('sender-detail');
  await detail.getByRole('button', { name: 'Refresh from DNS' }).click();
  await expect(detail).toContainText('127.60.8.0/22');
  const panel = detail.getByTestId('whitelist-panel');
  await expect(panel.getByTestId('whitelist-status')).toHaveText('Not whitelisted.');
  await expect(panel.getByRole('radio', { name: /^skip greylisting/ })).toBeChecked();

  await panel.getByTestId('whitelist-add').click();
  await expect(panel.getByTestId('whitelist-status')).toContainText(
    /Whitelisted at expansion \d+ of \d{4}-\d\d-\d\d \(3 ranges\): skip greylisting\. Every server has it\./,
  );
  await expect(panel.getByTestId('whitelist-last')).toContainText(
    'whitelisted Lab rotating (skip greylisting, 3 ranges)',
  );
  await expect(row.getByTestId('whitelist-cell')).toHaveText('skip greylisting');

  // Push now… opens the push dialog for the fleet (no server in this data directory).
  await panel.getByTestId('whitelist-push').click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: screenPath('senders-push-dialog'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.screenshot({ path: screenPath('senders-whitelisted'), fullPage: true });

  // The provider's record changes; a refresh finds it: stale, with the exact change.
  await lab.publishZones([rotatingZone('after')]);
  await detail.getByRole('button', { name: 'Refresh from DNS' }).click();
  await expect(row.getByTestId('whitelist-cell')).toHaveText('stale: ranges changed (+2 −2)');
  await expect(page.getByTestId('senders-stale-note')).toContainText('Lab rotating');
  const changes = panel.getByTestId('whitelist-changes');
  await expect(changes).toContainText('+ 127.60.5.0/24');
  await expect(changes).toContainText('+ 2001:db8:60:1::/64');
  await expect(changes).toContainText('− 127.60.10.0/23');
  await expect(changes).toContainText('− 2001:db8:60::/64');
  await page.screenshot({ path: screenPath('senders-stale'), fullPage: true });

  await panel.getByTestId('whitelist-update').click();
  await expect(row.getByTestId('whitelist-cell')).toHaveText('skip greylisting');
  await expect(panel.getByTestId('whitelist-last')).toContainText(
    /Lab rotating: ranges updated to expansion \d+ of .* \(entries \+3 −2; now 4 ranges\)/,
  );

  // The versions and their words on the Policy page.
  await page.goto(`${serve.url.split('?')[0]}#/policy`);
  await page.getByRole('tab', { name: /^Lists/ }).click();
  await expect(page.getByTestId('policy-cloud-senders')).toContainText(
    'Lab rotating (skip greylisting, 4 ranges)',
  );
  await page.getByRole('tab', { name: /^History/ }).click();
  await expect(page.getByRole('row', { name: /v1/ })).toContainText(
    'Whitelisted Lab rotating (skip greylisting, 3 ranges)',
  );
  await expect(page.getByRole('row', { name: /v2/ })).toContainText(
    'Updated the whitelisting of Lab rotating',
  );
  await expect(page.getByTestId('change-list')).toContainText('ranges updated to expansion');

  // Removing it is one click too.
  await page.goto(`${serve.url.split('?')[0]}#/senders?q=lab-&p=lab-rotating`);
  await page.getByTestId('whitelist-remove').click();
  await expect(page.getByTestId('whitelist-status')).toHaveText('Not whitelisted.');
  // The CLI reads the same store: version 3 has no cloud senders left.
  const current = JSON.parse(cli('policy', 'show', '--json')) as { cloudSenders?: unknown };
  expect(current.cloudSenders).toBeUndefined();
  expect(problems).toEqual([]);
});
