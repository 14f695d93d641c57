// A minimal DNS client for the lab: one question over UDP to a chosen address and port, with a
// time-out, returning the decoded answer (or null). Used to probe the lab DNS and by tests.
// Runtime: Node (lab, tests).

import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, RecordType } from 'dns-packet';

export interface DnsServer {
  address: string;
  port: number;
}

/** dns-packet decodes the response code too; its type declarations omit it. */
export type DnsAnswer = DecodedPacket & { rcode: string };

export function queryDns(
  server: DnsServer,
  name: string,
  type: RecordType,
  timeoutMs = 2000,
): Promise<DnsAnswer | null> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const id = Math.floor(Math.random() * 0xffff);
    const done = (answer: DnsAnswer | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.on('error', () => done(null));
    socket.on('message', (msg) => {
      try {
        const packet = dnsPacket.decode(msg) as DnsAnswer;
        if (packet.id === id) done(packet);
      } catch {
        // Not an answer of ours: keep waiting.
      }
    });
    const query = dnsPacket.encode({
      type: 'query',
      id,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type, name, class: 'IN' }],
    });
    socket.send(query, server.port, server.address, (err) => {
      if (err) done(null);
    });
  });
}
