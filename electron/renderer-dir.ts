// Where the built renderer is: found by walking up from this file, which works from the
// bundle (out/main/…), from the sources (electron/) and inside a packaged app. Runtime: Node.

import fs from 'node:fs';
import path from 'node:path';

export function rendererDir(): string {
  if (process.env.MXWARDEN_RENDERER_DIR) return path.resolve(process.env.MXWARDEN_RENDERER_DIR);
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    }
    if (path.dirname(dir) === dir) return path.join(import.meta.dirname, '..', 'renderer');
  }
}
