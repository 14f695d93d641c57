// Checks before creating an instance: root, and that none of its ports is taken by another
// program, so a clash is reported by port instead of as a daemon that died on start.
// Runtime: Node (lab).

import dgram from 'node:dgram';
import net from 'node:net';
import { serverPorts, type ResolvedOptions } from './layout';

function tcpFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

function udpFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => (socket.close(), resolve(false)));
    socket.bind(port, address, () => socket.close(() => resolve(true)));
  });
}

export function assertRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('The mail lab needs root: it mounts overlays and enters them with chroot');
  }
}

export async function assertPortsFree(o: ResolvedOptions): Promise<void> {
  const tcp: [string, number][] = [
    [o.dnsAddress, 53],
    ['127.0.0.1', o.appDnsPort],
  ];
  for (let i = 0; i < o.servers; i++) {
    const p = serverPorts(o, i);
    tcp.push(['127.0.0.1', p.ssh], ['127.0.0.1', p.smtpd], ['127.0.0.1', p.postscreen]);
    tcp.push(['127.0.0.1', p.postgrey]);
  }
  const udp: [string, number][] = [
    [o.dnsAddress, 53],
    ['127.0.0.1', o.appDnsPort],
    [o.dnsAddress, o.rbldnsdPort],
  ];
  const busy: string[] = [];
  for (const [a, p] of tcp) if (!(await tcpFree(a, p))) busy.push(`tcp ${a}:${p}`);
  for (const [a, p] of udp) if (!(await udpFree(a, p))) busy.push(`udp ${a}:${p}`);
  if (busy.length > 0) {
    throw new Error(
      `Lab ${o.name}: ports in use by another program: ${busy.join(', ')} (see test/lab/layout.ts)`,
    );
  }
}
