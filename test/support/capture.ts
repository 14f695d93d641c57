// Collects what a CLI command writes, for in-process CLI tests.

import { Writable } from 'node:stream';

export function capture() {
  let out = '';
  let err = '';
  const stdout = new Writable({ write: (chunk, _enc, cb) => ((out += String(chunk)), cb()) });
  const stderr = new Writable({ write: (chunk, _enc, cb) => ((err += String(chunk)), cb()) });
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}
