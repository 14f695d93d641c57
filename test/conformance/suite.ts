// The whole matrix: each server takes its phases one after another (compile, apply, play), the
// servers at the same time. Each phase gets a fresh greylist store (postgrey's database is emptied
// when it restarts) and its own DNS client: its cache must not carry a slow list's answer into a
// phase whose postscreen would not wait for it. Runtime: Node (lab), root.

import { MemoryGreylistStore } from '../../core/greylist/state';
import { DnsClient } from '../../core/net/dns-client';
import { compile } from '../../core/targets/postfix/compile';
import type { Lab } from '../lab/index';
import { applyCompiled, type ApplyReport } from './apply';
import type { Phase } from './cases';
import { playPhase, type CaseResult } from './play';
import { serverUnderTest, type ServerUnderTest } from './server';

export interface SuiteRun {
  cases: CaseResult[];
  applied: (ApplyReport & { unsupported: string[] })[];
  ms: number;
}

/**
 * How long the engine waits for DNS. postscreen counts only the DNSBL answers that arrive within
 * postscreen_greet_wait; smtpd waits for its resolver. The engine's resolver timeout is how it is
 * told the same (a slower list is "timed out": not counted, and said so).
 */
function dnsTimeoutMs(s: ServerUnderTest, phase: Phase): number {
  return s.profile.postscreen ? phase.policy.earlyTalker.greetWaitSeconds * 1000 : 5000;
}

export async function runSuite(
  lab: Lab,
  phases: Phase[],
  log: (line: string) => void,
  concurrency = 12,
): Promise<SuiteRun> {
  const started = Date.now();
  const names = [...new Set(phases.map((p) => p.server))];
  const servers = new Map<string, ServerUnderTest>();
  for (const n of names) servers.set(n, await serverUnderTest(lab, n));
  const run: SuiteRun = { cases: [], applied: [], ms: 0 };

  await Promise.all(
    names.map(async (name) => {
      const s = servers.get(name) as ServerUnderTest;
      for (const phase of phases.filter((p) => p.server === name)) {
        const compiled = compile(phase.policy, s.target);
        const report = await applyCompiled(lab, s, phase.id, compiled);
        run.applied.push({
          ...report,
          unsupported: compiled.unsupported.map((u) => `${u.rule}: ${u.message}`),
        });
        if (report.check.code !== 0) {
          log(`${phase.id}: postfix check failed, cases skipped: ${report.check.output}`);
          continue;
        }
        const t = Date.now();
        const dns = new DnsClient({
          servers: [lab.dns.appServer],
          timeoutMs: dnsTimeoutMs(s, phase),
        });
        const results = await playPhase(s, phase, {
          dns,
          greylist: new MemoryGreylistStore(),
          concurrency,
        });
        run.cases.push(...results);
        const bad = results.filter((r) => r.differences.length).length;
        log(
          `${phase.id} on ${name}: ${results.length} cases, ${bad} disagreements (${((Date.now() - t) / 1000).toFixed(1)} s)`,
        );
      }
    }),
  );
  run.ms = Date.now() - started;
  return run;
}
