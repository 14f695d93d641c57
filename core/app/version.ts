// The app's name and version, read from the package.json that ships with the code.
// Runtime: Node.

import fs from 'node:fs';
import path from 'node:path';

export const APP_NAME = 'mxwarden';

let cached: string | undefined;

// The same lookup works from the sources (core/app), the bundle (out/main) and a packaged
// app (app.asar): walk up until our package.json.
export function appVersion(): string {
  if (cached) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === APP_NAME && pkg.version) return (cached = pkg.version);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = '0.0.0-unknown');
    dir = parent;
  }
}
