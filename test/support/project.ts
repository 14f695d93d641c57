// Paths of the project and of its built artefacts, for tests that run the real CLI.

import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'out', 'main', 'cli.js');

export function requireBuild(): void {
  if (!fs.existsSync(CLI) || !fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does it first).');
  }
}

export const PACKAGE_VERSION = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
