// Where e2e tests keep their screenshots (one per page and theme): a test artefact CI keeps.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './project';

export const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');

export function screenPath(name: string): string {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  return path.join(SCREENS_DIR, `${name}.png`);
}
