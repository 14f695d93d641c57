// Puts a compiled configuration on a lab server the way a push would leave it: the lab's own
// main.cf back first (so nothing of the previous policy lingers), mxwarden's directory replaced
// by the compiled files, each main.cf setting set with `postconf -e`, `postfix check`, reload,
// postgrey restarted with the compiled options and an empty database. Then reads everything back:
// the compiled files and settings must be exactly what the server has. Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import type { CompiledConfig } from '../../core/targets/compiled';
import type { Lab } from '../lab/index';
import type { ServerUnderTest } from './server';

export interface ApplyReport {
  server: string;
  phase: string;
  /** `postfix check`: exit code and whatever it printed. */
  check: { code: number; output: string };
  /** Differences between the compiled configuration and what the server has afterwards. */
  mismatches: string[];
  postgreyOptions?: string[];
}

const inRoot = (s: ServerUnderTest, file: string) => path.join(s.info.root, file);

/**
 * Settings that belong to the test, not to the policy: a postscreen cache of its own per phase,
 * because postscreen remembers clients that passed (PASS OLD skips its tests) and a client of an
 * earlier policy must be judged afresh under the next one.
 */
function labSettings(s: ServerUnderTest, phase: string): string[] {
  if (!s.target.postscreen) return [];
  const tag = phase.replace(/[^a-z0-9]+/gi, '_');
  // A lab left running by an earlier run may still have this phase's cache: start it empty.
  fs.rmSync(inRoot(s, `var/lib/postfix/postscreen_cache_${tag}.db`), { force: true });
  return [`postscreen_cache_map=btree:$data_directory/postscreen_cache_${tag}`];
}

export async function applyCompiled(
  lab: Lab,
  s: ServerUnderTest,
  phase: string,
  compiled: CompiledConfig,
): Promise<ApplyReport> {
  fs.writeFileSync(inRoot(s, 'etc/postfix/main.cf'), s.pristineMainCf);
  const managed = inRoot(s, compiled.managedDirectory);
  fs.rmSync(managed, { recursive: true, force: true });
  fs.mkdirSync(managed, { recursive: true });
  for (const f of compiled.files) {
    fs.writeFileSync(inRoot(s, f.path), f.content, { mode: f.mode });
    if (f.postmap) await mustRun(lab, s, ['postmap', f.postmap]);
  }
  const settings = compiled.mainCf.map((x) => `${x.name}=${x.value}`);
  await mustRun(lab, s, ['postconf', '-e', ...settings, ...labSettings(s, phase)]);

  const check = await lab.exec(s.info, ['postfix', 'check']);
  const report: ApplyReport = {
    server: s.name,
    phase,
    check: { code: check.code, output: `${check.stdout}${check.stderr}`.trim() },
    mismatches: [],
  };
  if (check.code !== 0) return report;
  const reload = await lab.postfix(s.info, 'reload');
  if (reload.code !== 0) throw new Error(`postfix reload on ${s.name}: ${reload.stderr}`);
  if (compiled.postgrey && s.info.postgreyPort !== undefined) {
    await lab.restartPostgrey(s.info, compiled.postgrey.options, { forget: true });
    report.postgreyOptions = compiled.postgrey.options;
  }
  report.mismatches = await readBack(lab, s, compiled);
  // master re-reads main.cf on reload, and new smtpd/postscreen processes start with it: give it
  // a moment so the first client does not meet a process of the previous configuration.
  await new Promise((r) => setTimeout(r, 1500));
  return report;
}

/** What differs between the compiled configuration and the server's files and main.cf. */
async function readBack(lab: Lab, s: ServerUnderTest, compiled: CompiledConfig) {
  const out: string[] = [];
  for (const f of compiled.files) {
    const file = inRoot(s, f.path);
    if (!fs.existsSync(file)) out.push(`${f.path} is missing`);
    else if (fs.readFileSync(file, 'utf8') !== f.content) out.push(`${f.path} differs`);
  }
  const onDisk = fs.readdirSync(inRoot(s, compiled.managedDirectory));
  const expected = new Set(compiled.files.map((f) => path.basename(f.path)));
  for (const name of onDisk)
    if (!expected.has(name)) out.push(`${compiled.managedDirectory}/${name} was not compiled`);
  const names = compiled.mainCf.map((x) => x.name);
  const r = await lab.exec(s.info, ['postconf', '-h', ...names]);
  const values = r.stdout.split('\n');
  compiled.mainCf.forEach((x, i) => {
    if (values[i] !== x.value) out.push(`${x.name} is "${values[i]}", compiled "${x.value}"`);
  });
  return out;
}

async function mustRun(lab: Lab, s: ServerUnderTest, argv: string[]) {
  const r = await lab.exec(s.info, argv);
  if (r.code !== 0) throw new Error(`${argv[0]} on ${s.name}: ${r.stderr || r.stdout}`);
}
