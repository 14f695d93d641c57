// Plays a phase's cases against one server and asks the engine the same question: each case is
// an SMTP attempt from its own source address, then `evaluate` with the same policy, the server's
// profile, the lab DNS and a greylist store that saw the same attempts at the same times (the
// moment RCPT TO was sent). Clients run concurrently, a client's cases in order.
// Runtime: Node (lab).

import path from 'node:path';
import { evaluate } from '../../core/engine/evaluate';
import type { GreylistStore } from '../../core/greylist/state';
import type { DnsClient } from '../../core/net/dns-client';
import { smtpSession } from '../lab/index';
import type { Attempt, Case, Phase } from './cases';
import { differences, observed, predicted, type Side } from './compare';
import { LogFile, linesAbout, waitForDisconnect, warningsIn } from './logs';
import type { ServerUnderTest } from './server';

export interface CaseResult {
  id: string;
  phase: string;
  server: string;
  attempt: Attempt;
  engine: Side & { rule?: string; summary: string };
  postfix: Side & { transcript: string[] };
  /** The Postfix and postgrey log lines of this client during the case. */
  log: string[];
  differences: string[];
}

export interface PlayDeps {
  dns: DnsClient;
  greylist: GreylistStore;
  /** Clients talking at once (each waits out postscreen's greet time). */
  concurrency: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The phase's cases by flow, in order. An address may belong to one flow only: two flows using it
 * at once would share postscreen's and postgrey's memory, and its log lines could not be told apart.
 */
export function flows(phase: Phase): { c: Case; index: number }[][] {
  const byFlow = new Map<string, { c: Case; index: number }[]>();
  const owner = new Map<string, string>();
  phase.cases.forEach((c, index) => {
    const flow = c.flow ?? c.attempt.address;
    const other = owner.get(c.attempt.address);
    if (other !== undefined && other !== flow)
      throw new Error(`${phase.id}: ${c.attempt.address} is used by flows ${other} and ${flow}`);
    owner.set(c.attempt.address, flow);
    byFlow.set(flow, [...(byFlow.get(flow) ?? []), { c, index }]);
  });
  return [...byFlow.values()];
}

export async function playPhase(
  s: ServerUnderTest,
  phase: Phase,
  deps: PlayDeps,
): Promise<CaseResult[]> {
  const postfixLog = new LogFile(path.join(s.info.root, s.info.logFile));
  const postgreyLog = new LogFile(path.join(s.info.root, 'var/log/postgrey.log'));
  // Flows that wait (greylisting retries) start first, so the others fill the waiting time.
  const waits = (f: { c: Case }[]) => f.reduce((sum, x) => sum + (x.c.waitMs ?? 0), 0);
  const queue = flows(phase).sort((a, b) => waits(b) - waits(a));
  const results: CaseResult[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const { c, index } of next) {
        if (c.waitMs) await sleep(c.waitMs);
        const id = `${phase.id}#${String(index + 1).padStart(3, '0')} ${c.label}`;
        results.push(await playCase(id, s, phase, c.attempt, deps, postfixLog, postgreyLog));
      }
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency }, worker));
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

async function playCase(
  id: string,
  s: ServerUnderTest,
  phase: Phase,
  a: Attempt,
  deps: PlayDeps,
  postfixLog: LogFile,
  postgreyLog: LogFile,
): Promise<CaseResult> {
  const from = { postfix: postfixLog.size(), postgrey: postgreyLog.size() };
  const session = await smtpSession({
    port: s.port,
    source: a.address,
    helo: a.helo,
    mailFrom: a.sender,
    rcptTo: [a.recipient],
    ...(a.pregreet ? { pregreet: true } : {}),
    timeoutMs: 15_000,
  });
  await waitForDisconnect(postfixLog, from.postfix, a.address);
  const log = [
    ...linesAbout(postfixLog.since(from.postfix), a.address),
    ...linesAbout(postgreyLog.since(from.postgrey), a.address),
  ];
  const rcpt = session.steps.find((x) => x.command.startsWith('RCPT TO'));
  const verdict = await evaluate(
    {
      address: a.address,
      helo: a.helo,
      sender: a.sender,
      recipient: a.recipient,
      pregreet: a.pregreet ?? false,
      time: rcpt?.at ?? Date.now(),
    },
    phase.policy,
    { dns: deps.dns, greylist: deps.greylist, profile: s.profile },
  );
  const engine = predicted(verdict);
  const postfix = observed(session, warningsIn(log));
  return {
    id,
    phase: phase.id,
    server: s.name,
    attempt: a,
    engine: {
      ...engine,
      ...(verdict.rule ? { rule: verdict.rule } : {}),
      summary: verdict.summary,
    },
    postfix: { ...postfix, transcript: session.transcript },
    log,
    differences: differences(engine, postfix),
  };
}
