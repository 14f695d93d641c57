// Every phase of the fidelity matrix, in the order each server takes them. Runtime: pure.

import type { Phase } from '../cases';
import { accessPhases } from './access';
import { dryRunPhases } from './dry-run';
import { greylistPhases } from './greylist';
import { heloPhases } from './helo';
import { listPhases } from './lists';
import { postscreenPhases } from './postscreen';
import { rdnsPhases } from './rdns';
import { smtpdOnlyPhases } from './smtpd-only';

export function allPhases(): Phase[] {
  const phases = [
    ...greylistPhases(),
    ...listPhases(),
    ...postscreenPhases(),
    ...accessPhases(),
    ...heloPhases(),
    ...rdnsPhases(),
    ...smtpdOnlyPhases(),
    ...dryRunPhases(),
  ];
  const ids = new Set<string>();
  for (const p of phases) {
    if (ids.has(p.id)) throw new Error(`two phases are called ${p.id}`);
    ids.add(p.id);
  }
  return phases;
}
