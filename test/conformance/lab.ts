// The conformance suite's own lab instance: reconfigured freely (compiled policies pushed into
// its servers, postgrey restarted with other options), so it must never be the `test` instance
// that other suites use at the same time. Its addresses and ports are its own (layout.ts: basePort
// 10 apart from the others, its own DNS address). Runtime: Node (lab), root.

import { startLab, stopLab, type Lab, type LabOptions } from '../lab/index';

export const CONFORMANCE_LAB: Required<Pick<LabOptions, 'name' | 'dnsAddress' | 'basePort'>> = {
  name: 'conformance',
  dnsAddress: '127.0.0.4',
  basePort: 2230,
};

/** Why the lab cannot run here (not root), or undefined. */
export function labUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'the mail lab needs root (it mounts overlays and chroots)';
  return undefined;
}

export function startConformanceLab(log: (line: string) => void): Promise<Lab> {
  return startLab({ ...CONFORMANCE_LAB, log });
}

export function stopConformanceLab(log: (line: string) => void): Promise<void> {
  return stopLab(CONFORMANCE_LAB.name, log);
}
