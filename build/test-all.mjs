// `npm test`: every suite — type check, lint, unit, integration, e2e, Electron smoke — then one
// summary line over all of them: "N passed, N failed, N skipped". Skipped tests print why.
// Runtime: Node.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const env = {
  ...process.env,
  ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1',
  FORCE_COLOR: '0',
};

fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const skips = [];
const failures = [];
const timings = [];

function run(title, cmd, args) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  timings.push(`${title} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function check(title, cmd, args) {
  if (run(title, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(title);
  }
}

const build = run('build', bin('electron-vite'), ['build']);
if (build)
  fs.writeFileSync(path.join(root, 'out/.build-stamp'), new Date().toISOString()); // npm start: up to date
else {
  totals.failed++;
  failures.push('build');
}
check('type check (core, electron against Electron’s types, renderer, tests)', bin('tsc'), ['-b']);
check('lint (including the import layering rules)', bin('eslint'), ['--max-warnings', '0', '.']);
check('formatting (prettier)', bin('prettier'), ['--check', '.']);

// One lab for every suite: vitest's and Playwright's global setups attach to it.
const lab = (...args) =>
  spawnSync(
    bin('tsx'),
    ['test/lab/cli.ts', '--name', process.env.MXWARDEN_TEST_LAB || 'test', ...args],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
const labStarted = Date.now();
const labUp = lab().status === 0;
timings.push(
  `lab start ${((Date.now() - labStarted) / 1000).toFixed(1)} s${labUp ? '' : ' (failed: the suites say why)'}`,
);

const vitestJson = path.join(results, 'vitest.json');
run('unit + integration (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  for (const file of v.testResults) {
    for (const t of file.assertionResults) {
      if (t.status === 'passed') totals.passed++;
      else if (t.status === 'failed') {
        totals.failed++;
        failures.push(`${path.relative(root, file.name)} › ${t.fullName}`);
      } else {
        totals.skipped++;
        skips.push(`${path.relative(root, file.name)} › ${t.fullName}`);
      }
    }
    // A file that failed to load has no assertion results but did fail.
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      totals.failed++;
      failures.push(`${path.relative(root, file.name)} (did not load: ${file.message ?? ''})`);
    }
  }
} else {
  totals.failed++;
  failures.push('vitest produced no report');
}

const pwJson = path.join(results, 'playwright.json');
if (build) run('e2e + Electron smoke (Playwright, Debian Chromium)', bin('playwright'), ['test']);
if (fs.existsSync(pwJson)) {
  const p = JSON.parse(fs.readFileSync(pwJson, 'utf8'));
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const name = [...trail, spec.title].join(' › ');
        const status = t.results.at(-1)?.status;
        if (t.status === 'skipped' || status === 'skipped') {
          totals.skipped++;
          const why = t.annotations.find((a) => a.type === 'skip')?.description;
          skips.push(`${name}${why ? ` — skipped: ${why}` : ''}`);
        } else if (t.status === 'expected' || t.status === 'flaky') totals.passed++;
        else {
          totals.failed++;
          failures.push(name);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const s of p.suites) walk(s, []);
  for (const e of p.errors ?? []) {
    totals.failed++;
    failures.push(`playwright: ${e.message}`);
  }
} else {
  totals.failed++;
  failures.push('playwright produced no report');
}

if (labUp) lab('--stop');

// Reasons printed by vitest tests through test/support/skip.ts.
const reasons = path.join(results, 'skip-reasons.txt');
const vitestReasons = fs.existsSync(reasons)
  ? fs.readFileSync(reasons, 'utf8').trim().split('\n')
  : [];

process.stdout.write('\n=== summary\n');
for (const t of timings) process.stdout.write(`  ${t}\n`);
if (skips.length) process.stdout.write(`skipped:\n${skips.map((s) => `  - ${s}`).join('\n')}\n`);
if (vitestReasons.length)
  process.stdout.write(
    `skip reasons (vitest):\n${vitestReasons.map((s) => `  - ${s}`).join('\n')}\n`,
  );
if (failures.length)
  process.stdout.write(`failed:\n${failures.map((s) => `  - ${s}`).join('\n')}\n`);
fs.writeFileSync(
  path.join(results, 'summary.json'),
  JSON.stringify({ ...totals, skips, failures }, null, 2),
);
process.stdout.write(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(totals.failed === 0 ? 0 : 1);
