// The policy file the policy service runs on: read, parsed and validated, with every problem
// in words (at start-up they stop it; on SIGHUP the old policy stays). Runtime: Node (fs).

import fs from 'node:fs';
import { issueLines, validatePolicy } from '../policy/messages';
import type { Policy } from '../policy/schema';

export type PolicyLoad = { ok: true; policy: Policy } | { ok: false; problems: string[] };

export function loadPolicyFile(path: string): PolicyLoad {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problems: [`cannot read ${path}: ${(e as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`${path} is not JSON: ${(e as Error).message}`] };
  }
  const v = validatePolicy(json);
  return v.ok ? { ok: true, policy: v.policy } : { ok: false, problems: issueLines(v.issues) };
}
