// The words `mxwarden push` prints before asking: per-server counts, unified diffs on request,
// drift with the consent flag to use, and servers that cannot be pushed.

import { describe, expect, it } from 'vitest';
import type { PushPlan, PushServerPlan } from '../../../core/app/types/push';
import { planText, summaryRows } from '../../../core/cli/commands/push-text';

const base: PushServerPlan = {
  serverId: 1,
  serverName: 'mx1',
  files: [],
  mainCf: [],
  stale: [],
  unchanged: false,
  drift: [],
  unsupported: [],
  notes: [],
};
const plan = (servers: PushServerPlan[]): PushPlan => ({
  policyVersionId: 7,
  policyName: 'Fleet',
  servers,
});

describe('planText', () => {
  it('counts changed lines per file and lists changed settings', () => {
    const text = planText(
      plan([
        {
          ...base,
          files: [
            {
              path: '/etc/postfix/mxwarden/client_allow.cidr',
              current: 'a OK\nb OK\n',
              compiled: 'a OK\nc OK\nd OK\n',
            },
            { path: '/etc/postfix/mxwarden/same.cidr', current: 'x\n', compiled: 'x\n' },
          ],
          mainCf: [
            { name: 'postscreen_dnsbl_threshold', current: '3', compiled: '4' },
            { name: 'postscreen_greet_wait', current: '6s', compiled: '6s' },
          ],
        },
      ]),
      { diff: false },
    );
    expect(text).toContain('Plan: policy version 7 (Fleet) to 1 server');
    expect(text).toContain('mx1: 1 file, 1 main.cf setting change');
    expect(text).toContain('client_allow.cidr  +2 −1');
    expect(text).not.toContain('same.cidr');
    expect(text).toContain('main.cf postscreen_dnsbl_threshold:\n    − 3\n    + 4');
    expect(text).not.toContain('@@');
  });

  it('prints unified diffs with --diff, and marks new files', () => {
    const text = planText(
      plan([{ ...base, files: [{ path: '/m/new.cidr', compiled: '10.0.0.0/8 OK\n' }] }]),
      { diff: true },
    );
    expect(text).toContain('new /m/new.cidr  +1 −0');
    expect(text).toMatch(/@@ -0,0 \+1(,1)? @@\n\s+\+10\.0\.0\.0\/8 OK/);
  });

  it('says what drifted and how to consent; unreachable servers say why', () => {
    const text = planText(
      plan([
        {
          ...base,
          serverName: 'mx2',
          unchanged: true,
          drift: [
            { kind: 'parameter', name: 'smtpd_helo_required', expected: 'yes', actual: 'no' },
            { kind: 'file', name: '/m/postfix-abc/client_allow.cidr', expected: 'sha256 x' },
          ],
        },
        {
          ...base,
          serverId: 3,
          serverName: 'mx3',
          problem: { code: 'UNREACHABLE', message: 'mx3 does not answer on port 22' },
        },
      ]),
      { diff: false },
    );
    expect(text).toContain('mx2: already has exactly this configuration');
    expect(text).toContain('--overwrite-drift mx2');
    expect(text).toContain('main.cf smtpd_helo_required: edited');
    expect(text).toContain('mxwarden wrote: yes\n      now: no');
    expect(text).toContain('/m/postfix-abc/client_allow.cidr: removed');
    expect(text).toContain('mx3: cannot be pushed — mx3 does not answer on port 22');
  });
});

describe('summaryRows', () => {
  it('names the failed step and the error, or what changed', () => {
    const rows = summaryRows({
      id: 'p',
      startedAt: 0,
      actor: 'cli',
      policyVersionId: 7,
      policyName: 'Fleet',
      dryRun: false,
      kind: 'push',
      outcome: 'partial',
      servers: [
        {
          serverId: 1,
          serverName: 'mx1',
          canary: true,
          outcome: 'applied',
          steps: [],
          changes: { files: ['a'], parameters: ['b', 'c'], postgrey: true },
        },
        {
          serverId: 2,
          serverName: 'mx2',
          canary: false,
          outcome: 'rolled-back',
          failedStep: 'reload',
          error: { code: 'COMMAND_FAILED', message: 'postfix reload failed' },
          steps: [],
          changes: { files: [], parameters: [], postgrey: false },
        },
      ],
    });
    expect(rows).toEqual([
      ['mx1 (canary)', 'applied', '', '1 file, 2 settings, postgrey'],
      ['mx2', 'rolled-back', 'reload', 'postfix reload failed'],
    ]);
  });
});
