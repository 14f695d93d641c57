// Relays DNS queries for the lab's lists to rbldnsd over one UDP socket and hands each answer back
// with the asker's query id. rbldnsd speaks UDP only, so TCP askers are served through this too.
// Runtime: Node (lab DNS front process).

import dgram from 'node:dgram';

export interface Forwarder {
  /** The upstream's raw answer with the original id, or null when it did not answer in time. */
  forward(query: Buffer): Promise<Buffer | null>;
  close(): void;
}

export function createForwarder(
  upstream: { address: string; port: number },
  timeoutMs: number,
): Forwarder {
  const socket = dgram.createSocket('udp4');
  const pending = new Map<number, { originalId: number; done: (b: Buffer | null) => void }>();
  let nextId = Math.floor(Math.random() * 0xffff);

  socket.on('message', (msg) => {
    if (msg.length < 12) return;
    const entry = pending.get(msg.readUInt16BE(0));
    if (!entry) return;
    const answer = Buffer.from(msg);
    answer.writeUInt16BE(entry.originalId, 0);
    entry.done(answer);
  });
  // A lost upstream must not take the front down: askers get SERVFAIL through the time-out.
  socket.on('error', () => undefined);
  socket.unref();

  return {
    forward(query) {
      return new Promise((resolve) => {
        // Ids are rewritten so that concurrent askers using the same id cannot collide.
        let id = (nextId = (nextId + 1) & 0xffff);
        while (pending.has(id)) id = nextId = (nextId + 1) & 0xffff;
        const copy = Buffer.from(query);
        const originalId = copy.readUInt16BE(0);
        copy.writeUInt16BE(id, 0);
        const timer = setTimeout(() => finish(null), timeoutMs);
        const finish = (answer: Buffer | null) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(answer);
        };
        pending.set(id, { originalId, done: finish });
        socket.send(copy, upstream.port, upstream.address, (err) => {
          if (err) finish(null);
        });
      });
    },
    close() {
      for (const entry of pending.values()) entry.done(null);
      socket.close();
    },
  };
}
