// A server's Postfix configuration, read over SSH for import and for previews: parameters,
// master.cf, lookup table sources, postgrey's options. Read-only. Runtime: Node.

import type { ConfigReader } from '../targets/postfix/import';
import { parseMasterCf } from '../targets/postfix/master-cf';
import { parsePostconf } from '../targets/postfix/postconf-output';
import { postfixCommandDirectory } from './ssh/privilege';
import type { SshSession } from './ssh/session';

export async function readServerConfig(session: SshSession): Promise<ConfigReader> {
  const dir = await postfixCommandDirectory(session);
  const postconf = `${dir}/postconf`;
  const parameters = parsePostconf(await session.run([postconf]));
  const master = parseMasterCf(await session.run([postconf, '-M']));
  const ps = await session.exec(['ps', '-eo', 'args']);
  // The postgrey that Postfix's policy service points at (a host may run several).
  const services = Object.values(parameters).flatMap((v) =>
    [...v.matchAll(/check_policy_service\s+([^\s,]+)/g)].map((m) => m[1] as string),
  );
  const lines =
    ps.code === 0 ? ps.stdout.split('\n').filter((l) => /(^|\/|\s)postgrey(\s|$)/.test(l)) : [];
  const chosen =
    lines.find((l) =>
      services.some((s) => {
        const port = s.split(':').pop();
        return port !== undefined && l.includes(`:${port}`);
      }),
    ) ?? (services.length ? undefined : lines[0]);
  const options = chosen
    ? chosen
        .trim()
        .split(/\s+/)
        .filter((t) => t.startsWith('--'))
    : [];
  return {
    parameters,
    master,
    postgreyOptions: options,
    postgreyInUse: chosen !== undefined,
    readFile: async (path) => {
      try {
        return (await session.readFile(path))?.toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
