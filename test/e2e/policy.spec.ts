// The Policy page in Debian's Chromium over the real core (`mxwarden serve`) and the mail lab's
// mx1 (added, trusted and inspected through the CLI beforehand): mx1 imported through the UI
// (its postscreen lists and weights appear), one RBL weight changed and an allowlist entry added,
// saved with a message, the history entry and its diff in words, then the preview for mx1 with
// the changed postscreen_dnsbl_sites and the new map line. Also: bulk paste reports its bad line,
// the problems summary jumps to the row, CSV export downloads, and leaving with unsaved changes
// asks first.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureLab, getTestLab, TEST_LAB, type Lab } from '../lab/index';
import { makeLabHome } from '../support/lab-home';
import { CLI, requireBuild, ROOT } from '../support/project';
import { screenPath } from '../support/screens';

test.describe.configure({ mode: 'serial' });

interface Serve {
  url: string;
  stop(): Promise<void>;
}

/** The environment of every mxwarden process here: a throw-away $HOME, never the machine's agent. */
function envFor(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  delete env.SSH_AUTH_SOCK;
  return env;
}

/** The CLI, as an admin would run it; returns its output (a failure throws with it). */
function cli(dataDir: string, home: string, args: string[], allowFailure = false): string {
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    env: envFor(home),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0 && !allowFailure)
    throw new Error(`mxwarden ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return `${r.stdout}${r.stderr}`;
}

/** `mxwarden serve` with its own $HOME (test/support/serve-process.ts passes arguments only). */
async function startServe(dataDir: string, home: string): Promise<Serve> {
  requireBuild();
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, '--data-dir', dataDir, 'serve', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: envFor(home) },
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

function skipReason(name: string, reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${name} — skipped: ${reason}\n`);
}

let lab: Lab | undefined;
let labUnavailable = '';
let tmp: string;
let home: string;
let data: string;
let serve: Serve | undefined;
let page: Page;
const problems: string[] = [];

/** The `test` lab, which the global setup runs (never stopped here: others use it). */
async function attachLab(): Promise<void> {
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) {
    labUnavailable = unavailable;
    return;
  }
  try {
    lab = unavailable === '' ? await getTestLab() : (await ensureLab({ name: TEST_LAB })).lab;
  } catch (e) {
    labUnavailable = (e as Error).message;
  }
}

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(240_000);
  await attachLab();
  if (!lab) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-policy-'));
  home = path.join(tmp, 'home');
  data = path.join(tmp, 'data');
  makeLabHome(home, lab);
  const mx1 = lab.server('mx1');
  cli(data, home, ['servers', 'add', 'mx1', '--host', 'lab-mx1']);
  // First contact is refused until the admin trusts the fingerprint the lab published.
  cli(data, home, ['servers', 'test', 'mx1'], true);
  cli(data, home, ['servers', 'trust', 'mx1', '--fingerprint', mx1.ssh.hostKeyFingerprint]);
  cli(data, home, ['servers', 'inspect', 'mx1']);
  serve = await startServe(data, home);
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
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test.beforeEach(() => {
  if (!lab) {
    const reason = `the mail lab is unavailable: ${labUnavailable}`;
    skipReason(test.info().title, reason);
    test.skip(true, reason);
  }
});

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const dnsRow = (zone: string) =>
  page.getByTestId('dnsbl-row').filter({ has: page.locator(`input[value="${zone}"]`) });

async function saveWith(message: string): Promise<void> {
  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('save-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('What changed, and why').fill(message);
  await dialog.getByLabel('What changed, and why').press('Enter');
  await expect(dialog).toBeHidden();
}

test('before any save, the page says the Balanced template is in use', async () => {
  await page.keyboard.press('Alt+2');
  await expect(page.locator('h1')).toHaveText('Policy');
  await expect(page.getByTestId('template-notice')).toContainText('No policy has been saved yet');
  await expect(page.locator('.page-header')).toContainText('Balanced template — never saved');
  await page.screenshot({ path: screenPath('policy-template') });
});

test('mx1 imported through the UI: its postscreen lists and weights appear', async () => {
  const expected = (lab as Lab).server('mx1').expected;
  await page.getByRole('button', { name: 'Start from…' }).click();
  const card = page.getByTestId('import-card');
  await card.getByLabel('Server').selectOption({ label: 'mx1' });
  await card.getByRole('button', { name: 'Import' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  const imported = report.locator('[data-status="imported"]');
  for (const rbl of expected.rbls)
    await expect(imported.filter({ hasText: rbl.zone })).toContainText(`*${rbl.weight}`);
  await page.screenshot({ path: screenPath('policy-import-report'), fullPage: true });
  await card.getByRole('button', { name: 'Use as draft' }).click();

  await tab('DNS lists').click();
  await expect(page.getByTestId('dnsbl-row')).toHaveCount(expected.rbls.length);
  for (const rbl of expected.rbls) {
    const row = dnsRow(rbl.zone);
    await expect(row.getByRole('textbox', { name: /^Weight of/ })).toHaveValue(String(rbl.weight));
    if (rbl.weight < 0) await expect(row).toContainText('allowlist');
  }
  await expect(page.getByLabel('Reject at a score of')).toHaveValue(
    String(expected.dnsblThreshold),
  );
  await expect(page.getByTestId('unsaved-bar')).toContainText('draft from mx1 (imported)');
  await saveWith('imported from mx1');
  await expect(page.locator('.page-header')).toContainText('version 1');
});

test('one RBL weight changed and an allowlist entry added; the score helper follows', async () => {
  const zen = dnsRow('zen.lab.example');
  await zen.getByRole('button', { name: /Raise the weight/ }).click();
  await expect(zen.getByRole('textbox', { name: /^Weight of/ })).toHaveValue('4');

  // A client on zen alone now reaches the threshold (3): rejected.
  const helper = page.getByTestId('score-helper');
  await helper.getByRole('checkbox').first().check();
  await expect(page.getByTestId('score-result')).toContainText('Rejected');
  await expect(page.getByTestId('score-result')).toContainText('score 4');
  await page.screenshot({ path: screenPath('policy-dnsbl'), fullPage: true });

  await tab('Lists').click();
  const add = page.getByRole('form', { name: /Add to the client allowlist/ });
  await add.getByLabel('New entry').fill('10.0.0.0/33');
  await add.getByLabel('New entry').press('Enter');
  await expect(add.getByRole('alert')).toContainText('/33 is longer than 32 bits');
  await add.getByLabel('New entry').fill('192.0.2.0/24');
  await add.getByLabel('Note').fill('partner relay <b>not bold</b>');
  await add.getByLabel('New entry').press('Enter');
  await expect(add.getByRole('status')).toContainText('Added 192.0.2.0/24 as line 1');
  const list = page.getByTestId('list-clients.allow');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.locator('.entry-note')).toHaveText('partner relay <b>not bold</b>');
  await expect(page.getByTestId('unsaved-bar')).toContainText('2 changes');
  await page.screenshot({ path: screenPath('policy-lists-unsaved') });
  await saveWith('zen weight 4; allow the partner relay');
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
  await expect(page.locator('.page-header')).toContainText('version 2');
});

test('the history shows the version and its diff in words', async () => {
  await tab('History').click();
  await expect(page.getByRole('row', { name: /v2/ })).toContainText(
    'zen weight 4; allow the partner relay',
  );
  const changes = page.getByTestId('change-list');
  await expect(changes).toContainText('zen.lab.example=127.0.0.[2..11]: weight 3 → 4');
  await expect(changes).toContainText('added client 192.0.2.0/24');
  await page.screenshot({ path: screenPath('policy-history') });

  // Enter on the first version's row shows what it was (nothing before it).
  await page.getByRole('row', { name: /v1/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('version-card')).toContainText('imported from mx1');
  await expect(page.getByTestId('compare')).toContainText('The first version');
});

test('the preview for mx1: the changed postscreen_dnsbl_sites and the new map line', async () => {
  await tab('Preview').click();
  await expect(page.getByTestId('preview-target')).toHaveValue(/^s:/);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const result = page.getByTestId('preview-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  const sites = result.locator('[data-testid="maincf-row"][data-name="postscreen_dnsbl_sites"]');
  await expect(sites.locator('td').nth(0)).toContainText('zen.lab.example=127.0.0.[2..11]*3');
  await expect(sites.locator('td').nth(1)).toContainText('zen.lab.example=127.0.0.[2..11]*4');
  const allow = result.locator('[data-testid="file-diff"][data-path$="client_allow.cidr"]');
  await expect(allow.locator('.diff-row--add')).toContainText(['192.0.2.0/24 OK']);
  await expect(result.getByTestId('unsupported-none')).toBeVisible();
  await expect(page.getByText('Nothing is pushed from here')).toBeVisible();
  await page.setViewportSize({ width: 1320, height: 2400 });
  await page.screenshot({ path: screenPath('policy-preview-mx1') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenPath('policy-preview-mx1-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1320, height: 860 });
});

test('bulk paste: good lines are added, the bad line is named with its error', async () => {
  await tab('Lists').click();
  await page.getByRole('button', { name: /^Client denylist/ }).click();
  await page.locator('h2#list-title').click();
  await page.keyboard.press('/'); // the current table's filter
  await expect(page.getByRole('searchbox', { name: /Filter the client denylist/ })).toBeFocused();
  await page.getByRole('button', { name: 'Paste lines…' }).click();
  const dialog = page.getByTestId('paste-dialog');
  await dialog
    .getByLabel('Lines')
    .fill('198.51.100.7 spammer\n10.0.0.0/33\n203.0.113.0/24, botnet\n# comment\n198.51.100.7');
  const bad = dialog.getByTestId('paste-bad-line');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('Line 2:');
  await expect(bad).toContainText('/33 is longer than 32 bits');
  await expect(dialog.getByTestId('paste-report')).toContainText('1 duplicate skipped');
  await page.screenshot({ path: screenPath('policy-bulk-paste') });
  await dialog.getByRole('button', { name: 'Add 2 entries' }).click();
  // The bad line stays to be fixed; what was added is now a duplicate.
  await expect(dialog.getByRole('status')).toContainText('Added 2 entries');
  await expect(dialog.getByRole('button', { name: 'Add 0 entries' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('list-count')).toHaveText('2 entries');
});

test('CSV export downloads the list', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mxwarden-client-denylist-.*\.csv$/);
  const file = path.join(tmp, 'export.csv');
  await download.saveAs(file);
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('value,note,source,expires');
  expect(csv).toContain('198.51.100.7,spammer,manual,');
  expect(csv).toContain('203.0.113.0/24,botnet,manual,');

  // The export comes back in through "Import file…" (same parser), here into another list.
  await page.getByRole('button', { name: /^Clients/ }).click();
  await page.getByTestId('list-file-input').setInputFiles(file);
  const dialog = page.getByTestId('paste-dialog');
  await expect(dialog.getByRole('heading')).toContainText('Import export.csv');
  await expect(dialog.getByTestId('paste-report')).toContainText('2 entries to add');
  await expect(dialog.getByTestId('paste-report')).toContainText('read as CSV');
  await dialog.getByRole('button', { name: 'Add 2 entries' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('list-count')).toHaveText('2 entries');
  await page.getByRole('button', { name: /^Client denylist/ }).click();
});

test('a bad edit shows in the row; the problems summary jumps to it; Ctrl+S lists it', async () => {
  const list = page.getByTestId('list-clients.deny');
  await list.locator('tbody tr').first().focus();
  await page.keyboard.press('Enter');
  const input = list.getByRole('textbox', { name: 'Value of line 1' });
  await expect(input).toBeFocused();
  await input.fill('198.51.100.999');
  await expect(list.locator('.row-issue')).toContainText('not an address');
  await input.press('Enter');
  await expect(list.locator('tbody tr').first().locator('.row-issue')).toBeVisible();

  await tab('Checks').click();
  await page.getByTestId('issues-button').click();
  await page.getByRole('button', { name: 'line 1 of the client denylist' }).click();
  await expect(page.getByRole('tab', { name: /^Lists/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Only problems (1)')).toBeChecked();
  await expect(page.locator('tbody tr:focus')).toContainText('198.51.100.999');
  await page.screenshot({ path: screenPath('policy-problem-row') });

  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('save-dialog');
  await expect(dialog).toContainText('line 1 of the client denylist');
  await expect(dialog.getByRole('button', { name: 'Save version' })).toBeDisabled();
  await page.keyboard.press('Escape');

  // Delete with undo.
  await page.locator('tbody tr:focus').press('Delete');
  await expect(
    page.getByRole('status').filter({ hasText: 'Deleted 198.51.100.999' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('issues-button')).toHaveText(/1 problem/);
});

test('leaving with unsaved changes asks first; discarding goes back to the saved version', async () => {
  await page.keyboard.press('Alt+3');
  const leave = page.getByTestId('leave-dialog');
  await expect(leave).toBeVisible();
  await expect(leave.getByRole('button', { name: 'Stay' })).toBeFocused();
  await page.screenshot({ path: screenPath('policy-leave') });
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(/#\/policy/);
  // A click on the navigation asks too; "keep" leaves and the draft is there on return.
  await page.getByRole('link', { name: /Check IP/ }).click();
  await page
    .getByTestId('leave-dialog')
    .getByRole('button', { name: 'Keep the draft and leave' })
    .click();
  await expect(page).toHaveURL(/#\/check/);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('unsaved-bar')).toContainText('Unsaved changes');

  await page.getByTestId('unsaved-bar').getByRole('button', { name: 'Discard' }).click();
  await page.getByTestId('discard-dialog').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/servers/);
});

test('a version saved elsewhere while editing: the bar says so, and saving again is deliberate', async () => {
  await page.keyboard.press('Alt+2');
  await tab('Lists').click();
  const add = page.getByRole('form', { name: /Add to the client allowlist/ });
  await add.getByLabel('New entry').fill('203.0.113.7');
  await add.getByLabel('New entry').press('Enter');
  await expect(page.getByTestId('unsaved-bar')).toContainText('1 change');

  // Another admin saves from the CLI (a separate process on the same data directory).
  const file = path.join(tmp, 'elsewhere.json');
  fs.writeFileSync(file, cli(data, home, ['policy', 'show', '--json']));
  expect(cli(data, home, ['policy', 'save', file, '--message', 'from the CLI'])).toContain(
    'version 3',
  );
  await expect(page.getByTestId('unsaved-bar')).toContainText(
    'Version 3 was saved elsewhere since',
  );
  await saveWith('allow 203.0.113.7 on top of the CLI version');
  await expect(page.locator('.page-header')).toContainText('version 4');
  await tab('History').click();
  await expect(page.getByRole('row', { name: /v3/ })).toContainText('from the CLI');
});

test('light and dark screenshots of each section', async () => {
  await page.keyboard.press('Alt+2');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const name of ['Lists', 'Greylisting', 'DNS lists', 'Checks', 'Start from']) {
      await tab(name).click();
      await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.policy-panel')).not.toBeEmpty();
      await page.screenshot({
        path: screenPath(`policy-${name.toLowerCase().replace(/ /g, '-')}-${scheme}`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(problems).toEqual([]);
});
