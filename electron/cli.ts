// Entry point of the `mxwarden` command (bin). The core's commands plus the hosts that live in
// this shell (browser mode). Runtime: Node.

import { runCli } from '../core/cli/main';

// `mxwarden logs parse big.log | head`: the reader went away; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
import { serveCommand } from './serve-command';

const code = await runCli(process.argv.slice(2), undefined, [serveCommand]);
process.exitCode = code;
