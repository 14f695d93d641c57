// Shared state while one policy is compiled for one server: the files written, the main.cf
// settings, what the server cannot express. Runtime: pure.

import type { CompiledFile, Unsupported } from '../compiled';
import type { TargetProfile } from '../target';
import { fileHeader, MapWriter } from './map-file';

export class CompileContext {
  readonly files: CompiledFile[] = [];
  readonly mainCf: { name: string; value: string }[] = [];
  readonly unsupported: Unsupported[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly target: TargetProfile,
    readonly policyHash: string,
    readonly version: string,
  ) {}

  get dir(): string {
    return `${this.target.configDirectory}/mxwarden`;
  }

  header(what: string): string {
    return fileHeader(what, this.policyHash, this.version);
  }

  newMap(what: string): MapWriter {
    return new MapWriter(this.header(what));
  }

  /** Adds the file if it has entries; returns the Postfix table reference for it, or undefined. */
  table(
    type: 'cidr' | 'texthash' | 'regexp',
    name: string,
    map: MapWriter,
    readBy: CompiledFile['readBy'] = 'postfix',
  ): string | undefined {
    if (map.size === 0) return undefined;
    const path = `${this.dir}/${name}`;
    this.files.push({ path, content: map.toString(), mode: 0o644, readBy });
    return `${type}:${path}`;
  }

  set(name: string, value: string): void {
    this.mainCf.push({ name, value });
  }

  cannot(rule: string, message: string): void {
    this.unsupported.push({ rule, message });
  }
}
