// The Dashboard in Debian's Chromium over the real core (`mxwarden serve` following the lab's
// mx3 over SSH): first the empty state that says how to add a server; then, with mx3 added from
// the CLI (same store), a listed client is sent to mx3 and its rejection appears on the page
// without a reload; the reason table equals the API's (`mxwarden stats --json`), its CSV and a
// chart's PNG download; dark mode renders. Screenshots of both themes are kept.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import type { DashboardData } from '../../core/app/api';
import { ensureLab, getTestLab, stopLab, TEST_LAB, type Lab } from '../lab/index';
import { CLI, ROOT } from '../support/project';
import { screenPath } from '../support/screens';
import { startServe, type ServeProcess } from '../support/serve-process';
import { labSshFiles } from '../support/stats-core';
import { runCase, type Counts } from '../support/traffic';

test.describe.configure({ mode: 'serial' });

const run = promisify(execFile);
let lab: Lab | undefined;
let labUnavailable = '';
let labStarted = false;
let tmp: string;
let dataDir: string;
let serve: ServeProcess;
let page: Page;
const problems: string[] = [];

function skipReason(name: string, reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${name} — skipped: ${reason}\n`);
}

async function cli(...args: string[]): Promise<string> {
  const r = await run(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    maxBuffer: 16 << 20,
  });
  return r.stdout;
}

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(240_000);
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) labUnavailable = unavailable;
  else {
    try {
      if (unavailable === '') lab = await getTestLab();
      else ({ lab, started: labStarted } = await ensureLab({ name: TEST_LAB }));
    } catch (e) {
      labUnavailable = (e as Error).message;
    }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-dashboard-'));
  dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  serve = await startServe(dataDir, ['--quiet']);
  page = await browser.newPage({ acceptDownloads: true });
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
  if (labStarted) await stopLab(TEST_LAB);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('with no server, the dashboard says how to add one', async () => {
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByRole('heading', { name: 'No server is reporting yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Servers' })).toBeVisible();
  await page.screenshot({ path: screenPath('dashboard-empty'), fullPage: true });
});

test('a rejection on a lab server appears live; the table matches the API and exports', async () => {
  if (!lab) {
    skipReason('dashboard live', `the mail lab is unavailable: ${labUnavailable}`);
    test.skip(true, `skipped: the mail lab is unavailable: ${labUnavailable}`);
    return;
  }
  test.setTimeout(120_000);
  const mx3 = lab.server('mx3');
  const { knownHosts, sshConfig } = labSshFiles(lab, dataDir);
  await cli('settings', 'set', 'knownHostsPath', knownHosts, 'sshConfigPath', sshConfig);
  await cli(
    ...['servers', 'add', 'mx3', '--host', mx3.ssh.host, '--port', String(mx3.ssh.port)],
    ...['--user', 'root', '--key', lab.keys.plain],
  );
  await cli('servers', 'test', 'mx3');

  // The page notices the new server by itself and starts showing its log.
  await expect(page.getByRole('checkbox', { name: 'mx3' })).toBeChecked();
  await expect(page.getByText(/mx3\s*live/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('dashboard-summary')).toBeVisible();

  const table = page.getByRole('table', { name: 'Reasons with their counts and shares' });
  const rblRow = table.getByRole('row', { name: /zen\.lab\.example/ });
  const countOf = async () =>
    (await rblRow.count()) === 0
      ? 0
      : Number(((await rblRow.getByRole('cell').nth(1).textContent()) ?? '0').replace(/,/g, ''));
  const before = await countOf();

  // A listed client, refused by mx3's smtpd: no reload from here on.
  const expected: Counts = {};
  await runCase(lab, { kind: 'listed', server: 'mx3' }, expected);
  await expect.poll(countOf, { timeout: 10_000 }).toBe(before + 1);

  // The table is the API's seed table, row for row.
  const api = JSON.parse(
    await cli('stats', '--since', '24h', '--server', 'mx3', '--json'),
  ) as DashboardData;
  await expect
    .poll(async () => (await table.locator('tbody tr').allInnerTexts()).length)
    .toBe(api.seed.rows.length);
  const shown = (await table.locator('tbody tr').allInnerTexts()).map((t) =>
    t.split('\t').map((c) => c.trim()),
  );
  expect(shown).toEqual(
    api.seed.rows.map((r) => [
      r.label,
      r.count.toLocaleString('en-US'),
      `${r.percent.toFixed(1)} %`,
    ]),
  );

  // CSV of the table: the same rows.
  const seedPanel = page.getByRole('region', { name: /What happened to each attempt/ });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    seedPanel.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^reasons-.*\.csv$/);
  const csvText = fs
    .readFileSync(await csv.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csvText[0]).toBe('reason,key,count,percent');
  expect(csvText.slice(1).map((l) => l.split(',').at(-2))).toEqual(
    api.seed.rows.map((r) => String(r.count)),
  );

  // PNG of a chart.
  const chart = page.locator('figure', { hasText: 'Rejections by reason' });
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    chart.getByRole('button', { name: 'PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/^rejections-by-reason-.*\.png$/);
  const bytes = fs.readFileSync(await png.path());
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.length).toBeGreaterThan(2000);
  await page.screenshot({ path: screenPath('dashboard-light'), fullPage: true });

  // Dark mode: the same page in the dark theme's colours.
  await cli('settings', 'set', 'theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(rblRow).toBeVisible();
  await page.screenshot({ path: screenPath('dashboard-dark'), fullPage: true });
  await cli('settings', 'set', 'theme', 'light');
  expect(problems).toEqual([]);
});
