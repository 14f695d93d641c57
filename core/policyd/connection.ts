// One client connection of the policy service (one Postfix smtpd process, usually): requests
// are answered one at a time and in order, and the connection stays open for the next one, as
// Postfix reuses it. A broken request, an internal error or a client that goes idle ends the
// connection with one log line and without any answer: Postfix then applies its
// smtpd_policy_service_default_action instead of acting on a reply we are not sure of.
// Nothing here blocks: a client that stalls mid-request holds only its own connection.
// Runtime: Node (net).

import type net from 'node:net';
import type { Decision } from './decider';
import { decisionLine } from './log-line';
import { encodeReply } from './reply';
import { RequestReader, type PolicyAttributes, type ReaderLimits } from './request-reader';

export interface ConnectionStats {
  requests: number;
  answers: Record<string, number>;
  /** Malformed, oversized, binary or unsupported requests (the connection was closed). */
  refusedRequests: number;
  truncatedRequests: number;
  internalErrors: number;
  idleClosed: number;
}

export interface ConnectionDeps {
  decide(attributes: PolicyAttributes): Promise<Decision>;
  /** Calls back once every decision made so far is durable (see durable-store.ts). */
  afterCommit(done: (error?: Error) => void): void;
  log(line: string): void;
  limits: ReaderLimits;
  idleTimeoutMs: number;
  /** How long a request may take to arrive once its first byte has. */
  requestTimeoutMs: number;
  stats: ConnectionStats;
}

/** A client that sends requests faster than it reads answers is read no further until it does. */
const MAX_QUEUED = 32;

export class PolicyConnection {
  private readonly reader: RequestReader;
  private readonly queue: PolicyAttributes[] = [];
  private busy = false;
  private closed = false;
  /** The client sent FIN: answer what was asked, then close. */
  private peerEnded = false;
  /** Shutting down: answer what was asked, read nothing more. */
  private draining = false;
  private ending = false;
  private requestTimer: NodeJS.Timeout | undefined;
  readonly peer: string;
  readonly done: Promise<void>;

  constructor(
    private readonly socket: net.Socket,
    private readonly deps: ConnectionDeps,
  ) {
    this.reader = new RequestReader(deps.limits);
    this.peer =
      socket.remoteAddress !== undefined
        ? `${socket.remoteAddress}:${socket.remotePort ?? 0}`
        : 'a unix-socket client';
    this.done = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.setTimeout(deps.idleTimeoutMs, () => this.onIdle());
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    // Answers pile up unread: reading resumes once the client has taken them.
    socket.on('drain', () => this.pump());
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A client that resets is gone; there is nobody left to answer.
      this.close(`connection error from ${this.peer}: ${e.code ?? e.message}`);
    });
    socket.on('close', () => {
      this.closed = true;
      clearTimeout(this.requestTimer);
    });
  }

  /** Finish what was asked, then close; read nothing more (shutdown). */
  drain(): void {
    if (this.closed) return;
    this.draining = true;
    this.socket.pause();
    this.pump();
  }

  /** Closes at once, answering nothing more. */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed || this.draining) return;
    const events = this.reader.push(chunk);
    for (const e of events) {
      if (e.kind === 'error') {
        this.deps.stats.refusedRequests++;
        // Requests that came before it in the same chunk are not answered either: a client
        // that sends garbage after a request is not a Postfix we understand.
        return this.close(`closing connection from ${this.peer} without an answer: ${e.why}`);
      }
    }
    for (const e of events) if (e.kind === 'request') this.queue.push(e.attributes);
    this.watchPartial();
    if (this.queue.length >= MAX_QUEUED) this.socket.pause();
    this.pump();
  }

  /** A request that has begun must finish in time, or it holds a connection slot forever. */
  private watchPartial(): void {
    if (this.reader.partialBytes === 0) {
      clearTimeout(this.requestTimer);
      this.requestTimer = undefined;
    } else if (!this.requestTimer) {
      this.requestTimer = setTimeout(() => {
        this.deps.stats.truncatedRequests++;
        this.close(
          `closing connection from ${this.peer}: request incomplete after ${this.deps.requestTimeoutMs / 1000} s (${this.reader.partialBytes} bytes)`,
        );
      }, this.deps.requestTimeoutMs);
      this.requestTimer.unref();
    }
  }

  private onEnd(): void {
    this.peerEnded = true;
    if (this.reader.partialBytes > 0) {
      this.deps.stats.truncatedRequests++;
      return this.close(
        `connection from ${this.peer} closed in the middle of a request (${this.reader.partialBytes} bytes): not answered`,
      );
    }
    this.pump();
  }

  private onIdle(): void {
    if (this.busy || this.closed) return;
    this.deps.stats.idleClosed++;
    const partial = this.reader.partialBytes;
    this.close(
      `closing idle connection from ${this.peer} (${this.deps.idleTimeoutMs / 1000} s)` +
        (partial ? ` in the middle of a request (${partial} bytes): not answered` : ''),
    );
  }

  private close(why: string): void {
    if (this.closed) return;
    this.deps.log(why);
    this.destroy();
  }

  private pump(): void {
    if (this.busy || this.closed) return;
    const attributes = this.queue.shift();
    if (!attributes) {
      if (this.peerEnded || this.draining) {
        if (!this.ending) {
          this.ending = true;
          this.socket.end(() => this.socket.destroy());
        }
      } else if (this.socket.isPaused() && !this.socket.writableNeedDrain) this.socket.resume();
      return;
    }
    this.busy = true;
    this.deps.stats.requests++;
    this.deps.decide(attributes).then(
      (decision) => {
        if (decision.kind === 'invalid') {
          this.deps.stats.refusedRequests++;
          return this.close(
            `closing connection from ${this.peer} without an answer: ${decision.why}`,
          );
        }
        this.deps.afterCommit((error) => this.answer(decision, attributes, error));
      },
      (e: unknown) => this.internalError(e),
    );
  }

  private answer(
    decision: Extract<Decision, { kind: 'answer' }>,
    attributes: PolicyAttributes,
    commitError: Error | undefined,
  ): void {
    if (commitError) return this.internalError(commitError);
    let reply: string;
    try {
      reply = encodeReply(decision.action);
    } catch (e) {
      return this.internalError(e);
    }
    // Logged even when the client has gone meanwhile: the decision was made and recorded.
    this.deps.log(decisionLine(decision.log, attributes));
    const stats = this.deps.stats.answers;
    stats[decision.log.action] = (stats[decision.log.action] ?? 0) + 1;
    this.busy = false;
    if (this.closed) return;
    if (!this.socket.write(reply, 'utf8')) this.socket.pause();
    this.pump();
  }

  private internalError(e: unknown): void {
    this.deps.stats.internalErrors++;
    this.busy = false;
    const message = e instanceof Error ? e.message : String(e);
    // The client may have gone already; the error is still worth its line.
    if (this.closed) this.deps.log(`internal error (${this.peer} had gone): ${message}`);
    else
      this.close(
        `internal error, closing connection from ${this.peer} without an answer: ${message}`,
      );
  }
}
