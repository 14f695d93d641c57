// The mxwarden command: global options, dispatch, exit codes (0 ok, 1 failed, 2 usage).
// Runtime: Node.

import { AppError } from '../app/result';
import { appVersion } from '../app/version';
import { UsageError, type CliCommand, type CliIO } from './command';
import { auditCommand } from './commands/audit';
import { checkCommand } from './commands/check';
import { compileCommand } from './commands/compile';
import { infoCommand } from './commands/info';
import { ingestCommand } from './commands/ingest';
import { policyCommand } from './commands/policy';
import { policydCommand } from './commands/policyd';
import { logsCommand } from './commands/logs';
import { sendersCommand } from './commands/senders';
import { pushCommand } from './commands/push';
import { serversCommand } from './commands/servers';
import { settingsCommand } from './commands/settings';
import { statsCommand } from './commands/stats';
import { printError } from './output';

export type { CliCommand, CliContext, CliIO } from './command';
export { UsageError } from './command';

export const CORE_COMMANDS: readonly CliCommand[] = [
  infoCommand,
  settingsCommand,
  auditCommand,
  serversCommand,
  checkCommand,
  compileCommand,
  policyCommand,
  policydCommand,
  logsCommand,
  sendersCommand,
  ingestCommand,
  statsCommand,
  pushCommand,
];

function help(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `mxwarden ${appVersion()} — SMTP-time filtering console for Postfix fleets`,
    '',
    'Usage: mxwarden [--data-dir DIR] COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    "  --data-dir DIR  where the database lives (default: $MXWARDEN_DATA_DIR or the desktop app's)",
    '  --version       print the version',
    '  --help          this text; `mxwarden COMMAND --help` for a command',
    '',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
  extra: readonly CliCommand[] = [],
): Promise<number> {
  const commands = [...CORE_COMMANDS, ...extra].sort((a, b) => a.name.localeCompare(b.name));
  const args = [...argv];
  let dataDir: string | undefined;
  while (args[0]?.startsWith('-')) {
    const flag = args.shift() as string;
    if (flag === '--version' || flag === '-V') return (io.stdout.write(`${appVersion()}\n`), 0);
    if (flag === '--help' || flag === '-h') return (io.stdout.write(help(commands)), 0);
    if (flag === '--data-dir' && args[0] !== undefined) dataDir = args.shift();
    else if (flag.startsWith('--data-dir=')) dataDir = flag.slice('--data-dir='.length);
    else return (io.stderr.write(`mxwarden: unknown option ${flag}\n\n${help(commands)}`), 2);
  }
  const name = args.shift();
  if (name === undefined || name === 'help') return (io.stdout.write(help(commands)), name ? 0 : 2);
  const command = commands.find((c) => c.name === name);
  if (!command)
    return (io.stderr.write(`mxwarden: unknown command "${name}"\n\n${help(commands)}`), 2);
  if (args.includes('--help') || args.includes('-h'))
    return (io.stdout.write(`Usage: ${command.usage}\n`), 0);
  try {
    return await command.run(args, { io, dataDir });
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`mxwarden ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof AppError) return (printError(io.stderr, e.toApiError()), 1);
    io.stderr.write(`mxwarden ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
