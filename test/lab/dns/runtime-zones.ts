// Zones a test publishes into the running lab DNS without restarting it: a JSON file beside the
// front's config that the front re-reads whenever it was replaced (checked on each query — a
// stat of a small file), still answering over real UDP/TCP. A published zone replaces the static
// zone of the same apex (a provider whose record changes); clearing the file restores the lab's
// own Internet. Writes are atomic (rename), so a query never sees half a file.
// Runtime: Node (lab: the DNS front process and the tests).

import fs from 'node:fs';
import type { Internet, LabDomain } from '../internet';
import { buildAuthority, type Authority, type LabHost } from './records';

interface RuntimeFile {
  version: 1;
  domains: LabDomain[];
}

export function writeRuntimeZones(file: string, domains: readonly LabDomain[]): void {
  const body: RuntimeFile = { version: 1, domains: [...domains] };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(body)}\n`);
  fs.renameSync(tmp, file);
}

export function clearRuntimeZones(file: string): void {
  fs.rmSync(file, { force: true });
}

function readRuntimeZones(file: string, log: (line: string) => void): LabDomain[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as RuntimeFile;
    if (parsed.version !== 1 || !Array.isArray(parsed.domains)) throw new Error('not version 1');
    return parsed.domains;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    log(`runtime zones ${file} ignored: ${(e as Error).message}`);
    return [];
  }
}

/**
 * The authority the front answers from: the static Internet plus the runtime file's zones,
 * rebuilt when the file is replaced (another inode, size or time) or removed.
 */
export function runtimeAuthority(
  internet: Internet,
  labHosts: readonly LabHost[],
  file: string,
  log: (line: string) => void,
): () => Authority {
  let key = '';
  let current = buildAuthority(internet, labHosts);
  return () => {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = undefined;
    }
    const k = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '';
    if (k !== key) {
      key = k;
      const published = stat ? readRuntimeZones(file, log) : [];
      const apexes = new Set(published.map((d) => d.zone));
      try {
        current = buildAuthority(
          {
            ...internet,
            domains: [...internet.domains.filter((d) => !apexes.has(d.zone)), ...published],
          },
          labHosts,
        );
        log(`runtime zones: ${published.map((d) => d.zone).join(', ') || 'none'}`);
      } catch (e) {
        log(`runtime zones ${file} rejected: ${(e as Error).message}`);
      }
    }
    return current;
  };
}
