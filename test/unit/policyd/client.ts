// A plain socket client for the policy service's tests: sends bytes, collects every answer
// (`action=…` up to its empty line), and tells whether and when the server closed.
// Runtime: Node (tests).

import net from 'node:net';

export class PolicyClient {
  private buffer = '';
  private waiters: (() => void)[] = [];
  readonly answers: string[] = [];
  closedAt: number | undefined;
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buffer += d;
      for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
        this.answers.push(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.closedAt = performance.now();
        this.wake();
        resolve();
      }),
    );
  }

  static connect(port: number, host = '127.0.0.1'): Promise<PolicyClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host);
      s.once('connect', () => (s.off('error', reject), resolve(new PolicyClient(s))));
      s.once('error', reject);
    });
  }

  static connectPath(path: string): Promise<PolicyClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(path);
      s.once('connect', () => (s.off('error', reject), resolve(new PolicyClient(s))));
      s.once('error', reject);
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Bytes that arrived and are not a complete answer (there should never be any). */
  get partial(): string {
    return this.buffer;
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits for the n-th answer (1-based); null if the connection closed or time ran out first. */
  async answer(n = this.answers.length + 1, timeoutMs = 5000): Promise<string | null> {
    const deadline = performance.now() + timeoutMs;
    while (this.answers.length < n) {
      if (this.closedAt !== undefined) return null;
      const left = deadline - performance.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
    return this.answers[n - 1] ?? null;
  }

  /** Sends one request and waits for its answer. */
  async ask(request: string, timeoutMs = 5000): Promise<string | null> {
    const n = this.answers.length + 1;
    this.send(request);
    return this.answer(n, timeoutMs);
  }

  /** Resolves true when the server closes within the time. */
  async closedWithin(ms: number): Promise<boolean> {
    if (this.closedAt !== undefined) return true;
    const t = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
    return Promise.race([this.closed.then(() => true as const), t]);
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
