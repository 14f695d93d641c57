// Entry point of the `mxwarden` command (bin). The core's commands plus the hosts that live in
// this shell (browser mode). Runtime: Node.

import { runCli } from '../core/cli/main';
import { serveCommand } from './serve-command';

const code = await runCli(process.argv.slice(2), undefined, [serveCommand]);
process.exitCode = code;
