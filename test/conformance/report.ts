// The suite's evidence: test-results/conformance.json (the number of cases and every disagreement
// with both sides and the server's log lines) and conformance-cases.json (every case, agreeing or
// not, and every configuration applied with its `postfix check` result). Runtime: Node.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/project';
import type { SuiteRun } from './suite';

export const REPORT = path.join(ROOT, 'test-results', 'conformance.json');
export const CASES_REPORT = path.join(ROOT, 'test-results', 'conformance-cases.json');

export function writeReports(run: SuiteRun): void {
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  const disagreements = run.cases
    .filter((c) => c.differences.length > 0)
    .map((c) => ({
      case: c.id,
      server: c.server,
      attempt: c.attempt,
      differences: c.differences,
      engine: c.engine,
      postfix: { outcome: c.postfix.outcome, reply: c.postfix.reply, warnings: c.postfix.warnings },
      log: c.log,
    }));
  const summary = {
    cases: run.cases.length,
    disagreements,
    phases: run.applied.length,
    durationMs: run.ms,
  };
  fs.writeFileSync(REPORT, `${JSON.stringify(summary, null, 2)}\n`);
  fs.writeFileSync(
    CASES_REPORT,
    `${JSON.stringify({ applied: run.applied, cases: run.cases }, null, 2)}\n`,
  );
}
