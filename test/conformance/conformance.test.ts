// Fidelity: for the same policy, the engine's verdict for a client and what the lab's real Postfix
// answers that client are the same (DESIGN.md "Fidelity"). Each phase compiles a policy for one
// server of the suite's own lab, applies it (`postfix check`, reload, postgrey restarted with the
// compiled options), plays its cases over real SMTP and asks `evaluate` the same questions. Any
// disagreement fails the suite; test-results/conformance.json holds them with both sides and the
// server's log lines. Runtime: Node (vitest conformance project), root.

import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Lab } from '../lab/index';
import { skipWithReason } from '../support/skip';
import { labUnavailableReason, startConformanceLab, stopConformanceLab } from './lab';
import { allPhases } from './matrix/index';
import { REPORT, writeReports } from './report';
import { runSuite, type SuiteRun } from './suite';

const MIN_CASES = 200;

/**
 * CONFORMANCE_ONLY=greylist,helo plays only the phases whose id contains one of the words (while
 * investigating a disagreement); the full matrix otherwise.
 */
const only = (process.env.CONFORMANCE_ONLY ?? '').split(',').filter(Boolean);
const phases = allPhases().filter((p) => only.length === 0 || only.some((w) => p.id.includes(w)));

const began = Date.now();
const log = (line: string) =>
  console.log(`[conformance ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}`);

let unavailable = labUnavailableReason();
let lab: Lab | undefined;
let run: SuiteRun | undefined;

beforeAll(async () => {
  if (unavailable) return;
  try {
    lab = await startConformanceLab(log);
  } catch (err) {
    // CI runs where the lab must work: a lab that cannot start is a failure there, not a skip.
    if (process.env.CI) throw err;
    unavailable = `the mail lab could not start: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  run = await runSuite(lab, phases, log);
  writeReports(run);
  log(`${run.cases.length} cases in ${(run.ms / 1000).toFixed(1)} s; report: ${REPORT}`);
}, 900_000);

afterAll(async () => {
  if (lab) await stopConformanceLab(log);
}, 120_000);

function played(ctx: TestContext): SuiteRun {
  if (unavailable) skipWithReason(ctx, unavailable);
  if (!run) throw new Error('the matrix did not run');
  return run;
}

describe('fidelity: the engine versus the real Postfix', () => {
  it('postfix check passes on every compiled configuration, without a word about our files', (ctx) => {
    const r = played(ctx);
    const failed = r.applied.filter((a) => a.check.code !== 0 || /mxwarden/.test(a.check.output));
    expect(failed.map((a) => `${a.phase}: ${a.check.output}`)).toEqual([]);
    expect(r.applied.length).toBe(phases.length);
  });

  it('each server has exactly the compiled files and main.cf settings afterwards', (ctx) => {
    const r = played(ctx);
    expect(r.applied.flatMap((a) => a.mismatches.map((m) => `${a.phase}: ${m}`))).toEqual([]);
  });

  it(`plays at least ${MIN_CASES} cases over real SMTP`, (ctx) => {
    const r = played(ctx);
    if (only.length)
      skipWithReason(ctx, `CONFORMANCE_ONLY=${only.join(',')} plays part of the matrix`);
    expect(r.cases.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('the engine and Postfix agree on every case', (ctx) => {
    const r = played(ctx);
    const disagreements = r.cases
      .filter((c) => c.differences.length > 0)
      .map((c) => `${c.id}: ${c.differences.join('; ')}`);
    expect(disagreements, `see ${REPORT}`).toEqual([]);
  });
});
