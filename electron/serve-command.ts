// `mxwarden serve`: browser mode. Prints the URL with its session token and serves until
// stopped (Ctrl+C, SIGTERM, or the `npm start` launcher going away). Runtime: Node.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core/app/host';
import { UsageError, type CliCommand } from '../core/cli/main';
import { rendererDir } from './renderer-dir';
import { startWebHost } from './web';

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the app in browser mode on 127.0.0.1 (prints the URL with its token)',
  usage: 'mxwarden serve [--port N] [--quiet]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, quiet: { type: 'boolean' } },
      strict: true,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port takes 0..65535');
    const dir = rendererDir();
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      ctx.io.stderr.write(
        `mxwarden serve: the UI is not built (${dir} is missing). Run \`npm run build\` first.\n`,
      );
      return 1;
    }
    const service = openCore({
      host: 'browser',
      background: true,
      ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
    });
    let host;
    try {
      host = await startWebHost({
        service,
        rendererDir: dir,
        port,
        ...(values.quiet ? {} : { log: (line: string) => ctx.io.stderr.write(`serve: ${line}\n`) }),
      });
    } catch (e) {
      service.close();
      const code = (e as { code?: string }).code;
      ctx.io.stderr.write(
        code === 'EADDRINUSE'
          ? `mxwarden serve: port ${port} is in use; choose another with --port, or 0 for any free port.\n`
          : `mxwarden serve: ${(e as Error).message}\n`,
      );
      return 1;
    }
    const info = service.info();
    ctx.io.stdout.write(
      [
        `mxwarden ${info.version} — browser mode`,
        `  data:  ${info.dataDir}`,
        `  open:  ${host.url}`,
        'The address carries a session token: do not share it. Secrets are kept in memory only.',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
    // The launcher (npm start) talks to us over IPC; tell it where we are.
    process.send?.({ type: 'listening', url: host.url, port: host.port });

    return await new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (why: string): void => {
        if (stopping) return;
        stopping = true;
        if (!values.quiet) ctx.io.stderr.write(`serve: stopping (${why})\n`);
        void host.close().then(() => {
          service.close();
          // The launcher's IPC channel would keep this process alive after everything else closed.
          if (process.connected) process.disconnect();
          resolve(0);
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      // Started by the launcher: when it goes away (even killed), so do we, and so does the
      // browser window it opened for us.
      let browserPid: number | undefined;
      process.on('message', (msg: { type?: string; pid?: number }) => {
        if (msg.type === 'watch-browser' && Number.isInteger(msg.pid)) browserPid = msg.pid;
      });
      if (process.send) {
        process.once('disconnect', () => {
          if (browserPid) killGroup(browserPid);
          stop('launcher exited');
        });
      }
    });
  },
};
