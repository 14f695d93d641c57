// The UI frame in Debian's Chromium, over the real core in browser mode (`mxwarden serve`).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { NAV_ITEMS } from '../../core/app/navigation';
import { LATEST_SCHEMA_VERSION } from '../../core/store/migrations';
import { CLI, PACKAGE_VERSION } from '../support/project';
import { screenPath } from '../support/screens';
import { startServe, type ServeProcess } from '../support/serve-process';

test.describe.configure({ mode: 'serial' });

let serve: ServeProcess;
let dataDir: string;
let page: Page;
const problems: string[] = [];

test.beforeAll(async ({ browser }) => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-'));
  serve = await startServe(dataDir);
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
});

test.afterAll(async () => {
  await page.close();
  await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8' });

test('opens from the printed URL and lands on the dashboard, connected', async () => {
  await page.goto(serve.url);
  await expect(page).toHaveURL(/\/#\/dashboard$/);
  expect(page.url()).not.toContain('token='); // traded for a cookie, gone from the address bar
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
  await expect(page.getByText('Browser mode · secrets in memory')).toBeVisible();
  expect(problems).toEqual([]);
});

test('every page renders in light and dark, with its empty state or content', async () => {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(() => undefined);
    const toggle = page.getByTestId('theme-toggle');
    while ((await page.locator('html').getAttribute('data-theme')) !== theme) await toggle.click();
    for (const item of NAV_ITEMS) {
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: item.label, exact: true })
        .click();
      await expect(page).toHaveURL(new RegExp(`#${item.path}$`));
      await expect(page.locator('h1')).toBeVisible();
      if (['/dashboard', '/servers', '/review'].includes(item.path)) {
        // An empty state that says what will appear and how to get there.
        const empty = page.locator('.empty-state');
        await expect(empty).toBeVisible();
        await expect(empty.locator('ol li').first()).toBeVisible();
      }
      if (item.path === '/senders') {
        // The shipped catalog, from the offline snapshot, and said so.
        await expect(page.getByTestId('senders-snapshot-note')).toBeVisible();
        await expect(page.getByRole('table', { name: 'Cloud senders' })).toBeVisible();
      }
      await page.screenshot({ path: screenPath(`${item.path.slice(1)}-${theme}`), fullPage: true });
    }
  }
  expect(problems).toEqual([]);
});

test('switching the theme follows the setting and is remembered by the store', async () => {
  const html = page.locator('html');
  const toggle = page.getByTestId('theme-toggle');
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await toggle.click();
    const setting = await toggle.getAttribute('data-theme-setting');
    seen.add(setting ?? '');
    if (setting === 'dark') await expect(html).toHaveAttribute('data-theme', 'dark');
    if (setting === 'light') await expect(html).toHaveAttribute('data-theme', 'light');
  }
  expect(seen).toEqual(new Set(['system', 'light', 'dark']));
  // Set dark, then confirm through the CLI (a separate process reading the same store).
  while ((await toggle.getAttribute('data-theme-setting')) !== 'dark') await toggle.click();
  await expect.poll(() => JSON.parse(cli('settings', 'get', 'theme', '--json')).theme).toBe('dark');
});

test('About shows version, data directory and schema read through the API', async () => {
  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { level: 1, name: 'About mxwarden' })).toBeVisible();
  await expect(page.getByTestId('about-version')).toHaveText(PACKAGE_VERSION);
  await expect(page.getByTestId('about-data-dir')).toHaveText(dataDir);
  await expect(page.getByTestId('about-schema')).toHaveText(`${LATEST_SCHEMA_VERSION} (current)`);
  await expect(page.getByTestId('about-secrets')).toContainText('memory only');
});

test('changing a setting writes an audit row, shown in the Audit page and in the store', async () => {
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('radio', { name: 'UTC' }).check({ force: true });
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'timeDisplay' });
  await expect(row).toContainText('settings.set');
  await expect(row).toContainText('gui:browser');
  await expect(row).toContainText('timeDisplay: local → utc');
  await expect(row.locator('time')).toHaveText(/UTC$/); // the new setting already applies

  const stored = JSON.parse(cli('audit', 'list', '--json')) as {
    entries: { actor: string; target: string; detail: unknown }[];
  };
  expect(stored.entries[0]).toMatchObject({
    actor: 'gui:browser',
    target: 'timeDisplay',
    detail: { changes: { timeDisplay: { from: 'local', to: 'utc' } } },
  });

  // A change made by another process (the CLI) appears without reloading the page.
  cli('settings', 'set', 'tableDensity', 'compact');
  await expect(page.getByRole('row').filter({ hasText: 'tableDensity' })).toContainText('cli');
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await page.screenshot({ path: screenPath('audit-with-rows') });
});

test('keyboard: page shortcuts, the shortcuts dialog, moving through table rows, search with /', async () => {
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Servers' })).toBeFocused();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('Alt+7');
  const rows = page.getByRole('table', { name: 'Audit log entries' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3); // the theme, time display and density changes above
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('timeDisplay');
  await expect(page.getByTestId('audit-count')).toHaveText(/^1 of 1 entries$/);
  await page.getByRole('searchbox').fill('');
});

test('exports: the audit table as CSV and its chart as PNG', async () => {
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toBe('id,time_utc,actor,action,target,detail');
  expect(csv).toContain('settings.set,timeDisplay');

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PNG' }).click();
  const png = fs.readFileSync((await (await pngDownload).path()) ?? '');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.length).toBeGreaterThan(2000);

  const chartCsv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV', exact: true }).click();
  const lines = fs
    .readFileSync((await (await chartCsv).path()) ?? '', 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('day,changes');
  expect(lines).toHaveLength(31);
  expect(problems).toEqual([]);
});

test('the connection indicator tells when the server goes away', async () => {
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
  await serve.stop();
  await expect(page.getByTestId('connection')).toHaveText(/Reconnecting|Server unreachable/);
  // A change attempted now fails visibly (a notification that says what to do), and the
  // optimistic update is undone.
  await page.keyboard.press('Alt+8');
  await page.getByRole('radio', { name: 'Local time' }).check({ force: true });
  const alert = page.getByRole('alert').filter({ hasText: 'Setting not saved' });
  await expect(alert).toContainText('mxwarden serve');
  await expect(page.getByRole('radio', { name: 'UTC' })).toBeChecked();
  await page.screenshot({ path: screenPath('connection-lost') });
  await alert.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(alert).toBeHidden();
});
