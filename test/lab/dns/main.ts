// Entry point of the lab DNS front process, started detached by the lab (`node --import tsx
// test/lab/dns/main.ts <config.json>`). Writes its pid file once every socket is bound, which is
// the starter's signal that it is ready; SIGTERM closes it.
// Runtime: Node (lab DNS front process).

import fs from 'node:fs';
import { INTERNET } from '../internet';
import { startFront, type FrontConfig } from './front';
import type { LabHost } from './records';
import { runtimeAuthority } from './runtime-zones';

export interface FrontProcessConfig {
  front: FrontConfig;
  labHosts: LabHost[];
  pidFile: string;
  /** Zones tests publish while the front runs (runtime-zones.ts). */
  runtimeZonesFile: string;
}

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function main() {
  const configPath = process.argv[2];
  if (!configPath) throw new Error('usage: main.ts <config.json>');
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as FrontProcessConfig;
  const authority = runtimeAuthority(INTERNET, config.labHosts, config.runtimeZonesFile, log);
  const front = await startFront(config.front, authority, log);
  fs.writeFileSync(config.pidFile, `${process.pid}\n`);
  log(`ready, pid ${process.pid}`);
  const stop = () => {
    log('stopping');
    void front.close().finally(() => {
      fs.rmSync(config.pidFile, { force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  log(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
