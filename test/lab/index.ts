// The mail lab's public API for tests, benchmarks, e2e set-up and the CLI: start/attach/stop an
// instance, the Lab object with its controls, the Internet description and the SMTP client.
// Runtime: Node (lab).

export { ensureLab, getLab, getTestLab, startLab, stopLab, TEST_LAB } from './instance';
export type { Lab, ServerRef } from './control';
export { INSTANCE_DEFAULTS, type LabOptions, type ResolvedOptions } from './layout';
export {
  INTERNET,
  clientByName,
  domainByZone,
  listByZone,
  poolAddress,
  spfOf,
  type Internet,
  type LabClient,
} from './internet';
export { dnsblQueryName, reverseName } from './ip';
export { queryDns, type DnsAnswer } from './dns/query';
export { smtpSession, type SmtpOptions, type SmtpResult, type SmtpReply } from './smtp-client';
export { LAB_PACKAGES, rootfsDir } from './rootfs';
export type {
  LabDns,
  LabKeys,
  LabServerExpected,
  LabServerInfo as LabServer,
  LabState,
  RblUse,
} from './types';
export { labPolicy } from './lab-policy';
