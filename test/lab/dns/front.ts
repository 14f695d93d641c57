// The lab DNS front: an authoritative server for the lab's domains and reverse zones (answers
// built from the Internet description), which relays the DNS lists' zones to rbldnsd, delays the
// `slow` list, never answers the `dead` list and REFUSES everything else. UDP and TCP.
// Runtime: Node (lab DNS front process).

import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Question } from 'dns-packet';
import { createForwarder } from './forwarder';
import { lookup, zoneOf, type Authority, type ZoneRecord } from './records';

export interface FrontConfig {
  listen: { address: string; port: number }[];
  /** rbldnsd, which serves the lists' data. */
  upstream: { address: string; port: number };
  lists: { zone: string; behaviour: 'normal' | 'slow' | 'dead' }[];
  slowMs: number;
  logQueries: boolean;
}

export interface Front {
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
type Rcode = keyof typeof RCODE;
/** Classic DNS over UDP without EDNS: longer answers are truncated and retried over TCP. */
const UDP_LIMIT = 512;

function toAnswer(r: ZoneRecord): Answer {
  return { name: r.name, type: r.type, ttl: r.ttl, class: 'IN', data: r.data } as Answer;
}

/** A bare header-only answer for queries we cannot or will not serve. */
function bareReply(raw: Buffer, rcode: Rcode, question?: Question): Buffer {
  const id = raw.length >= 2 ? raw.readUInt16BE(0) : 0;
  const rd = raw.length >= 4 ? raw.readUInt16BE(2) & dnsPacket.RECURSION_DESIRED : 0;
  return dnsPacket.encode({
    type: 'response',
    id,
    flags: rd | RCODE[rcode],
    questions: question ? [question] : [],
  });
}

export function startFront(
  config: FrontConfig,
  /** Asked on every query: tests may publish zones while the front runs (runtime-zones.ts). */
  authority: () => Authority,
  log: (line: string) => void,
): Promise<Front> {
  const forwarder = createForwarder(config.upstream, 3000);
  const listZones = config.lists.map((l) => l.zone);
  const behaviourOf = new Map(config.lists.map((l) => [l.zone, l.behaviour]));

  async function handle(raw: Buffer, transport: 'udp' | 'tcp', from: string) {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(raw);
    } catch {
      return raw.length >= 12 ? bareReply(raw, 'FORMERR') : null;
    }
    const question = query.questions?.[0];
    if (query.type !== 'query' || !question) return bareReply(raw, 'FORMERR');
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const note = (what: string) => {
      if (config.logQueries) log(`${transport} ${from} ${name}/${question.type} -> ${what}`);
    };

    const listZone = zoneOf(name, listZones);
    if (listZone) {
      const behaviour = behaviourOf.get(listZone) ?? 'normal';
      if (behaviour === 'dead') {
        note('dropped (dead list)');
        return null;
      }
      const started = Date.now();
      const answer = await forwarder.forward(raw);
      if (behaviour === 'slow') {
        await new Promise((r) =>
          setTimeout(r, Math.max(0, config.slowMs - (Date.now() - started))),
        );
      }
      note(answer ? `relayed from rbldnsd (${behaviour})` : 'SERVFAIL (rbldnsd silent)');
      return answer ?? bareReply(raw, 'SERVFAIL', question);
    }

    const result = lookup(authority(), name, question.type);
    note(`${result.rcode} an=${result.answers.length}`);
    if (result.rcode === 'REFUSED') return bareReply(raw, 'REFUSED', question);
    const flags =
      dnsPacket.AUTHORITATIVE_ANSWER |
      ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
      RCODE[result.rcode];
    const packet = {
      type: 'response' as const,
      id: query.id,
      flags,
      questions: [question],
      answers: result.answers.map(toAnswer),
      authorities: result.authorities.map(toAnswer),
    };
    const encoded = dnsPacket.encode(packet);
    if (transport === 'udp' && encoded.length > UDP_LIMIT) {
      return dnsPacket.encode({
        ...packet,
        flags: flags | dnsPacket.TRUNCATED_RESPONSE,
        answers: [],
        authorities: [],
      });
    }
    return encoded;
  }

  const closers: (() => Promise<void>)[] = [];
  const bindings = config.listen.map(async ({ address, port }) => {
    const udp = dgram.createSocket('udp4');
    udp.on('message', (msg, rinfo) => {
      void handle(msg, 'udp', rinfo.address).then((reply) => {
        if (reply) udp.send(reply, rinfo.port, rinfo.address);
      });
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, address, () => (udp.off('error', reject), resolve()));
    });
    udp.on('error', (err) => log(`udp ${address}:${port} error: ${err.message}`));
    closers.push(() => new Promise((r) => udp.close(() => r())));

    const tcp = net.createServer((socket) => serveTcp(socket, handle));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, address, () => (tcp.off('error', reject), resolve()));
    });
    closers.push(() => new Promise((r) => tcp.close(() => r())));
    log(`listening on ${address}:${port} (udp, tcp)`);
  });

  return Promise.all(bindings).then(
    () => ({
      async close() {
        forwarder.close();
        await Promise.all(closers.map((c) => c()));
      },
    }),
    async (err: unknown) => {
      forwarder.close();
      await Promise.all(closers.map((c) => c()));
      throw err;
    },
  );
}

/** DNS over TCP: each message is preceded by its 16-bit length. */
function serveTcp(
  socket: net.Socket,
  handle: (raw: Buffer, transport: 'tcp', from: string) => Promise<Buffer | null>,
) {
  let buffer = Buffer.alloc(0);
  const from = socket.remoteAddress ?? '?';
  socket.setTimeout(10_000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const length = buffer.readUInt16BE(0);
      if (buffer.length < 2 + length) break;
      const message = buffer.subarray(2, 2 + length);
      buffer = buffer.subarray(2 + length);
      void handle(message, 'tcp', from).then((reply) => {
        if (!reply || socket.destroyed) return;
        const frame = Buffer.alloc(2 + reply.length);
        frame.writeUInt16BE(reply.length, 0);
        reply.copy(frame, 2);
        socket.write(frame);
      });
    }
  });
}
