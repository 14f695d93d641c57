// `npm run lab`: starts (or attaches to) the demo lab and prints what to enter in the app for each
// server; `npm run lab -- --stop` stops it. Options: --name <instance>, --servers <n>.
// Runtime: Node (lab), run through tsx.

import { parseArgs } from 'node:util';
import { getLab, startLab, stopLab } from './index';
import type { Lab } from './control';

function describe(lab: Lab): string {
  const out: string[] = [
    '',
    `Lab "${lab.name}" is running (${lab.dir}).`,
    '',
    `DNS server for the app:  ${lab.dns.appServer}   (servers resolve through ${lab.dns.address}:53)`,
    `SSH key:                 ${lab.keys.plain}`,
    `Encrypted SSH key:       ${lab.keys.encrypted.path}   passphrase: ${lab.keys.encrypted.passphrase}`,
    '',
  ];
  for (const s of lab.servers) {
    const smtp = [`smtpd ${s.smtpdPort}`];
    if (s.postscreenPort !== undefined) smtp.push(`postscreen ${s.postscreenPort}`);
    if (s.postgreyPort !== undefined) smtp.push(`postgrey ${s.postgreyPort}`);
    out.push(
      `${s.name} (${s.hostname})`,
      `  host 127.0.0.1  port ${s.ssh.port}  users: root, mailadmin (sudo for the Postfix tools), auditor (no sudo)`,
      `  host key ${s.ssh.hostKeyFingerprint}`,
      `  known_hosts: ${s.ssh.knownHostsLine}`,
      `  SMTP on 127.0.0.1: ${smtp.join(', ')}   Postfix log: ${s.logFile}`,
      `  try: ssh -i ${lab.keys.plain} -p ${s.ssh.port} mailadmin@127.0.0.1 sudo postconf mail_version`,
      '',
    );
  }
  out.push(
    `Stop it with: npm run lab -- --stop${lab.name === 'demo' ? '' : ` --name ${lab.name}`}`,
  );
  return out.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', default: 'demo' },
      servers: { type: 'string' },
      stop: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('npm run lab [-- --name <instance>] [--servers <n>] [--stop] [--status]');
    return;
  }
  const began = Date.now();
  const log = (line: string) =>
    console.log(`[lab ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  if (values.stop) {
    await stopLab(values.name, log);
    log(`lab ${values.name} stopped: no process left, nothing mounted`);
    return;
  }
  if (values.status) {
    console.log(describe(await getLab(values.name)));
    return;
  }
  const lab = await startLab({
    name: values.name,
    ...(values.servers !== undefined ? { servers: Number(values.servers) } : {}),
    log,
  });
  console.log(describe(lab));
  log('ready');
}

main().catch((err: unknown) => {
  console.error(`lab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
