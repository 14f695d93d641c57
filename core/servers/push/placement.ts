// Where a compiled configuration lives on the server: every push writes its files into new,
// never-modified version directories under the managed directory — `postfix-<hash>` for what
// Postfix reads, `postgrey-<hash>` for postgrey's lists — and main.cf and postgrey's options name
// those directories. A new version can therefore be staged, validated and left in place beside the
// running one, and the switch is one atomic replacement of main.cf (and /etc/default/postgrey);
// the previous directories stay as the backup that a rollback points back to.
// Runtime: Node (hash).

import crypto from 'node:crypto';
import type { CompiledConfig, CompiledFile } from '../../targets/compiled';

export type DirKind = CompiledFile['readBy'];

export interface PlacedFile {
  /** File name inside its version directory. */
  name: string;
  path: string;
  content: string;
  mode: number;
  postmap?: string;
  /** sha256 of the content as written (for drift detection). */
  sha256: string;
}

export interface VersionDir {
  kind: DirKind;
  /** `postfix-0123456789ab` */
  name: string;
  path: string;
  files: PlacedFile[];
}

export interface PlacedConfig {
  managedDirectory: string;
  dirs: VersionDir[];
  mainCf: { name: string; value: string }[];
  postgrey?: { service: string; options: string[] };
}

export const sha256 = (text: string | Buffer): string =>
  crypto.createHash('sha256').update(text).digest('hex');

// The header names the policy and app version that wrote a file; two files that differ only there
// mean the same to Postfix, so they share a directory (and postgrey is not restarted for it).
const WRITTEN_BY = /^# Written by mxwarden .*\n/m;

/** The content without mxwarden's "Written by" header line: what decides a directory's name. */
export const meaningOf = (content: string): string => content.replace(WRITTEN_BY, '');

function dirHash(files: readonly CompiledFile[], base: string): string {
  const h = crypto.createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    h.update(`${f.path.slice(base.length + 1)}\0${f.mode}\0${f.postmap ?? ''}\0`);
    h.update(meaningOf(f.content));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces whole path tokens (followed by the end, a space or a comma), longest first. */
function rewriter(moves: Map<string, string>): (value: string) => string {
  const from = [...moves.keys()].sort((a, b) => b.length - a.length);
  if (from.length === 0) return (v) => v;
  const re = new RegExp(`(${from.map(escapeRegex).join('|')})(?=$|[\\s,])`, 'g');
  return (value) => value.replace(re, (m) => moves.get(m) ?? m);
}

export function place(compiled: CompiledConfig): PlacedConfig {
  const base = compiled.managedDirectory;
  const moves = new Map<string, string>();
  const dirs: VersionDir[] = [];
  for (const kind of ['postfix', 'postgrey'] as const) {
    const files = compiled.files.filter((f) => f.readBy === kind);
    if (files.length === 0) continue;
    for (const f of files) {
      if (!f.path.startsWith(`${base}/`) || f.path.slice(base.length + 1).includes('/'))
        throw new Error(`compiled file outside the managed directory: ${f.path}`);
    }
    const name = `${kind}-${dirHash(files, base)}`;
    const path = `${base}/${name}`;
    dirs.push({
      kind,
      name,
      path,
      files: files.map((f) => {
        const fileName = f.path.slice(base.length + 1);
        moves.set(f.path, `${path}/${fileName}`);
        return {
          name: fileName,
          path: `${path}/${fileName}`,
          content: f.content,
          mode: f.mode,
          ...(f.postmap ? { postmap: f.postmap } : {}),
          sha256: sha256(f.content),
        };
      }),
    });
  }
  const rewrite = rewriter(moves);
  return {
    managedDirectory: base,
    dirs,
    mainCf: compiled.mainCf.map((m) => ({ name: m.name, value: rewrite(m.value) })),
    ...(compiled.postgrey
      ? {
          postgrey: {
            service: compiled.postgrey.service,
            options: compiled.postgrey.options.map(rewrite),
          },
        }
      : {}),
  };
}

/** A version directory's name as mxwarden writes them (anything else there is not ours). */
export const VERSION_DIR = /^(postfix|postgrey)-[0-9a-f]{12}$/;
