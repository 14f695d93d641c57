// Check IP in Debian's Chromium over the real core (`mxwarden serve`) and the mail lab's DNS:
// DNSBL zones, PTR and SPF of the lab's "Internet". The page must show exactly what the engine
// decided, so every verdict is compared with the CLI's `check --json` for the same question.
// The policy is the lab's (as mx1); for the streaming test, slow.lab.example (answers after
// 1.5 s) and dead.lab.example (never answers) are added, so answers can be seen arriving before
// the report and a timeout can be seen reading as "unknown".

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CheckReport } from '../../core/app/api';
import { clientByName, getTestLab, labPolicy, poolAddress, type Lab } from '../lab/index';
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

/** Says why the tests could not run here, in the place CI collects the reasons. */
function skipReason(reason: string): void {
  const file = path.join(ROOT, 'test-results', 'skip-reasons.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `check-ip.spec.ts — skipped: ${reason}\n`);
}

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SSH_AUTH_SOCK: '' },
  });

/** The engine's own answer to the same question, through the CLI twin of the page. */
const cliCheck = (...args: string[]) => JSON.parse(cli('check', ...args, '--json')) as CheckReport;

/** The CLI's error message for a question it refuses (printed as "mxwarden: …"). */
function cliError(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, 'check', ...args], {
    encoding: 'utf8',
  });
  expect(r.status).not.toBe(0);
  return r.stderr.replace(/^mxwarden: /, '').trim();
}

function savePolicy(policy: ReturnType<typeof labPolicy>): void {
  const file = path.join(tmp, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  cli('policy', 'save', file);
}

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(120_000);
  const unavailable = process.env.MXWARDEN_LAB_UNAVAILABLE;
  if (unavailable) {
    skipReason(`the mail lab is unavailable: ${unavailable}`);
    test.skip(true, `the mail lab is unavailable: ${unavailable}`);
    return;
  }
  lab = await getTestLab();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-e2e-check-'));
  dataDir = path.join(tmp, 'data');
  savePolicy(labPolicy());
  cli('settings', 'set', 'dnsServers', lab.dns.appServer);
  // mx3 (smtpd only: no postscreen, no postgrey) inspected, so the page can judge as mx3. Its
  // host key is pinned from the lab's state: no trust-on-first-use dance here.
  const mx3 = lab.server('mx3');
  const knownHosts = path.join(tmp, 'known_hosts');
  fs.writeFileSync(knownHosts, `${mx3.ssh.knownHostsLine}\n`);
  fs.writeFileSync(path.join(tmp, 'ssh_config'), '');
  cli('settings', 'set', 'knownHostsPath', knownHosts);
  cli('settings', 'set', 'sshConfigPath', path.join(tmp, 'ssh_config'));
  cli(
    'servers',
    'add',
    'mx3',
    ...['--host', mx3.ssh.host, '--port', String(mx3.ssh.port)],
    ...['--user', 'root', '--key', lab.keys.plain],
  );
  cli('servers', 'inspect', 'mx3');

  serve = await startServe(dataDir);
  // Tall enough for the whole report in one screenshot (the page scrolls inside <main>).
  const context = await browser.newContext({
    viewport: { width: 1320, height: 1800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(serve.url);
  await expect(page.getByTestId('connection')).toHaveText(/Connected/);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Check IP' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await serve?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const results = () => page.getByTestId('check-results');
const verdict = () => page.getByTestId('verdict');
const listRow = (zone: string) =>
  page.getByTestId('lists-card').getByRole('row').filter({ hasText: zone });

interface More {
  helo?: string;
  from?: string;
  to?: string;
  /** A server's name in "Judge as"; default: the fleet policy. */
  server?: string;
}

async function fill(target: string, more: More = {}): Promise<void> {
  await page.locator('[data-search]').fill(target);
  const details = page.locator('details.check-form__more');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel('HELO / EHLO name').fill(more.helo ?? '');
  await page.getByLabel('Sender (MAIL FROM)').fill(more.from ?? '');
  await page.getByLabel('Recipient (RCPT TO)').fill(more.to ?? '');
  const picker = page.getByLabel('Judge as');
  const option = more.server
    ? await picker.locator('option', { hasText: more.server }).getAttribute('value')
    : '';
  await picker.selectOption(option ?? '');
}

/** The run shown now, so a wait can tell the next run's report from this one's. */
const shownRun = async () =>
  (await results().count()) ? await results().getAttribute('data-run-id') : null;

async function reportOfNextRun(before: string | null): Promise<void> {
  const next = page.locator(
    `[data-testid=check-results][data-state=done]:not([data-run-id="${before ?? ''}"])`,
  );
  await expect(next).toHaveCount(1, { timeout: 15_000 });
}

/** Runs a check with Enter and waits for its report. */
async function run(target: string, more: More = {}): Promise<void> {
  await fill(target, more);
  const before = await shownRun();
  await page.locator('[data-search]').press('Enter');
  await reportOfNextRun(before);
}

/** The page's verdict is the engine's: action, reply, rule and summary word for word. */
async function expectSameVerdict(cliReport: CheckReport): Promise<void> {
  const v = cliReport.verdict;
  await expect(verdict()).toHaveAttribute('data-action', v.action);
  await expect(page.getByTestId('verdict-reply')).toHaveText(v.reply);
  await expect(page.getByTestId('verdict-summary')).toContainText(v.summary);
  await expect(page.getByTestId('verdict-profile')).toHaveText(v.profile);
  if (v.ruleLabel) await expect(page.getByTestId('verdict-rule')).toContainText(v.ruleLabel);
  await expect(page.getByTestId('lists-card').locator('tbody tr')).toHaveCount(
    cliReport.lists.length,
  );
  await expect(page.getByTestId('trace-line')).toHaveCount(v.trace.length);
}

test('before the first check, the page says what will appear and how', async () => {
  const empty = page.locator('.empty-state');
  await expect(empty).toContainText('Check a client');
  await expect(empty.locator('ol li')).toHaveCount(3);
  await expect(page.getByText(`DNS lookups through ${lab.dns.appServer}`)).toBeVisible();
  await page.screenshot({ path: screenPath('check-ip-empty') });
});

test('a client listed in zen is rejected by the zen RBL rule, score against threshold', async () => {
  const zen = clientByName('zen-sbl').address;
  const expected = cliCheck(zen);
  expect(expected.verdict.action).toBe('reject');
  expect(expected.verdict.rule).toBe('dnsbl:zen.lab.example');
  expect(expected.score).toBeGreaterThanOrEqual(expected.threshold);

  // Keyboard only: "/" focuses the target from anywhere on the page, Enter runs.
  await page.getByRole('heading', { level: 1, name: 'Check IP' }).focus();
  await page.keyboard.press('/');
  await expect(page.locator('[data-search]')).toBeFocused();
  await page.keyboard.type(zen);
  await page.keyboard.press('Enter');
  await reportOfNextRun(null);

  await expect(page.getByTestId('verdict-headline')).toHaveText(
    /Would be rejected by RBL zen\.lab\.example at postscreen/,
  );
  await expectSameVerdict(expected);
  await expect(page.getByTestId('score-text')).toHaveText(
    `score ${expected.score} / threshold ${expected.threshold}`,
  );
  await expect(listRow('zen.lab.example')).toContainText('127.0.0.2');
  await expect(listRow('zen.lab.example')).toContainText('SBL-style listing');
  await expect(page.getByTestId('verdict-policy')).toHaveText('Lab (as mx1), saved version 1');
  // The deciding line of the trace is marked.
  await expect(page.locator('.trace-line--decisive')).toContainText('DNSBL score');
  await page.screenshot({ path: screenPath('check-ip-reject-light'), fullPage: true });
  await page.getByTestId('verdict').screenshot({ path: screenPath('check-ip-verdict-reject') });
  expect(problems).toEqual([]);
});

test('a clean client gets exactly what the engine decides, with rDNS and SPF', async () => {
  const shop = clientByName('shop');
  const more = { helo: shop.helo, from: shop.mailFrom, to: 'alice@lab.example' };
  const expected = cliCheck(
    shop.address,
    '--helo',
    shop.helo,
    '--from',
    more.from,
    '--to',
    more.to,
  );
  expect(['accept', 'greylist']).toContain(expected.verdict.action);

  while ((await page.locator('html').getAttribute('data-theme')) !== 'dark')
    await page.getByTestId('theme-toggle').click();
  await run(shop.address, more);
  await expectSameVerdict(expected);
  await expect(page.getByTestId('rdns')).toContainText(
    `${expected.rdns.verifiedName} forward-confirmed`,
  );
  await expect(page.getByTestId('spf')).toContainText(
    `${expected.spf?.result} for ${expected.spf?.domain}`,
  );
  await expect(page.getByTestId('organisation')).toContainText(
    `client ${expected.organisation.client}`,
  );
  await expect(page.getByTestId('score-text')).toHaveText(
    `score ${expected.score} / threshold ${expected.threshold}`,
  );
  await page.screenshot({ path: screenPath('check-ip-clean-dark'), fullPage: true });
  while ((await page.locator('html').getAttribute('data-theme')) !== 'light')
    await page.getByTestId('theme-toggle').click();
});

test('judged as mx3 (no postscreen, no postgrey): what it cannot enforce stands out', async () => {
  const shop = clientByName('shop');
  const more = { from: shop.mailFrom, to: 'alice@lab.example', server: 'mx3' };
  const expected = cliCheck(shop.address, '--from', more.from, '--to', more.to, '--server', 'mx3');
  expect(expected.verdict.profile).toBe('mx3');
  const unenforced = expected.verdict.trace.filter((t) => t.status === 'not-enforced');
  expect(unenforced.length).toBeGreaterThan(0);

  await run(shop.address, more);
  await expectSameVerdict(expected);
  await expect(page.getByTestId('not-enforced')).toContainText('mx3 cannot enforce');
  await expect(page.locator('[data-testid=trace-line][data-status=not-enforced]')).toHaveCount(
    unenforced.length,
  );
  await expect(page.locator('tbody[data-stage=postscreen]')).toContainText('no checks here');
  // Without postscreen, listed entries act one by one: no score to show.
  await expect(page.getByTestId('score-unused')).toContainText('mx3 has no postscreen');
  await page.screenshot({ path: screenPath('check-ip-mx3'), fullPage: true });
});

test('what is not an address or does not resolve shows why', async () => {
  // Digits and dots only: a mistyped IPv4 address, said before asking the engine.
  await fill('300.1.2.3');
  await page.locator('[data-search]').press('Enter');
  await expect(page.getByRole('alert')).toContainText('300.1.2.3 is not an IPv4 address');
  await expect(page.locator('[data-search]')).toBeFocused();

  for (const target of ['not an address', 'no-such-host.shop.example']) {
    const message = cliError(target);
    await fill(target);
    await page.locator('[data-search]').press('Enter');
    await expect(page.getByTestId('check-error')).toContainText(`Could not check ${target}`);
    await expect(page.getByTestId('check-error')).toContainText(message);
  }
  await page.screenshot({ path: screenPath('check-ip-error') });
});

test('recent checks run again from the keyboard; the report copies as text and exports as CSV', async () => {
  const zen = clientByName('zen-sbl').address;
  const expected = cliCheck(zen);
  const recent = page.getByRole('navigation', { name: 'Recent checks' });
  const item = recent
    .getByRole('button')
    .filter({ hasText: new RegExp(`^${zen.replaceAll('.', '\\.')}Reject`) });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-search]')).toHaveValue(zen);
  await reportOfNextRun(null);
  await expectSameVerdict(expected);

  await page.getByRole('button', { name: 'Copy as text' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain(`REJECT: ${expected.verdict.reply}`);
  expect(text).toContain(`score ${expected.score} (threshold ${expected.threshold})`);
  expect(text).toContain('[postscreen] DNSBL score: hit');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('lists-card').getByRole('button', { name: 'CSV' }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path()) as string, 'utf8')
    .trim()
    .split(/\r\n/);
  expect(csv[0]).toBe('address,zone,filter,status,answers,weight,counts,dry_run,txt,ms');
  expect(csv).toHaveLength(expected.lists.length + 1);
  expect(csv[1]).toMatch(
    new RegExp(`^${zen},zen\\.lab\\.example,.*,listed,127\\.0\\.0\\.2,3,true,`),
  );
  expect(problems).toEqual([]);
});

test('Settings: the DNS servers are checked inline and saved', async () => {
  await page.keyboard.press('Alt+8');
  const field = page.getByLabel('DNS servers');
  await expect(field).toHaveValue(lab.dns.appServer);
  await field.fill('dns.example.com');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText(
    'DNS servers: must be IP addresses with optional ports',
  );
  await page.screenshot({ path: screenPath('settings-dns-invalid') });
  await field.press('Escape');
  await expect(field).toHaveValue(lab.dns.appServer);

  const both = `${lab.dns.appServer}, [::1]:5399`;
  await field.fill(both);
  await field.press('Enter');
  await expect(page.getByText('Saved.')).toBeVisible();
  expect(JSON.parse(cli('settings', 'get', 'dnsServers', '--json')).dnsServers).toBe(both);
  await field.fill(lab.dns.appServer);
  await field.press('Tab');
  await expect
    .poll(() => JSON.parse(cli('settings', 'get', 'dnsServers', '--json')).dnsServers)
    .toBe(lab.dns.appServer);
  expect(problems).toEqual([]);
});

test('DNS lists stream in as they answer; a timed-out list reads as unknown', async () => {
  savePolicy(
    labPolicy({
      extraLists: [
        { zone: 'slow.lab.example', weight: 2, ipv6: true, enabled: true, dryRun: false },
        { zone: 'dead.lab.example', weight: 1, ipv6: false, enabled: true, dryRun: true },
      ],
    }),
  );
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Check IP' })).toBeVisible();
  // A fresh address (answers are cached per run of the server), listed only in the slow list.
  const address = poolAddress('slow');
  await fill(address);
  const before = await shownRun();
  await page.locator('[data-search]').press('Enter');

  // zen and bl answer in milliseconds; the slow list takes 1.5 s and the dead one never answers.
  await expect(listRow('zen.lab.example')).toContainText('not listed');
  await expect(results()).toHaveAttribute('data-state', 'running');
  await expect(listRow('slow.lab.example')).toContainText('waiting…');
  await expect(page.getByTestId('check-pending')).toContainText('waiting for');
  await expect(page.getByTestId('check-pending')).toContainText('dead.lab.example');
  await page.screenshot({ path: screenPath('check-ip-streaming') });

  await reportOfNextRun(before);
  const dead = listRow('dead.lab.example');
  await expect(dead).toContainText('timed out (unknown)');
  await expect(dead).not.toContainText('not listed');
  await expect(page.getByTestId('lists-unknown')).toContainText('dead.lab.example timed out');
  // The slow list answers after 1.5 s, under the 2 s timeout asked for; but node's c-ares (1.34)
  // shortens timeouts for a server that answered fast before, so it may time out at ~1 s. Either
  // way it is never "not listed".
  await expect(listRow('slow.lab.example')).toContainText(/127\.0\.0\.2|timed out \(unknown\)/);
  expect(cliCheck(address).verdict.action).toBe(await verdict().getAttribute('data-action'));
  savePolicy(labPolicy());
});
