// An SMTP client for lab tests: speaks from any 127.x.y.z source address to a lab server with a
// chosen HELO/EHLO, MAIL FROM, RCPT TO and optional DATA; can talk before the banner (pregreet)
// or leave without QUIT. Handles multi-line replies and postscreen's delayed banner, times out
// every read, and reports each command's reply plus an overall outcome and the transcript.
// Runtime: Node (lab, tests).

import net from 'node:net';

export interface SmtpOptions {
  port: number;
  host?: string;
  /** Source address (any of 127.0.0.0/8 on Linux); default 127.0.0.1. */
  source?: string;
  helo?: string;
  /** EHLO (default) or HELO. */
  ehlo?: boolean;
  /** Envelope sender; without it the session ends after HELO. */
  mailFrom?: string;
  rcptTo?: readonly string[];
  /** Message text (headers and body, LF or CRLF); without it no DATA is sent. */
  data?: string;
  /** Send this (true: `EHLO <helo>`) right after connecting, before the banner. */
  pregreet?: boolean | string;
  /** Say QUIT at the end (default true); false just closes the connection. */
  quit?: boolean;
  /** Limit for every read, ms (default 10 000; postscreen's banner waits its greet time). */
  timeoutMs?: number;
}

export interface SmtpReply {
  code: number;
  /** Text of each line, without the code and separator. */
  lines: string[];
  /** The lines joined with a space. */
  text: string;
}

export interface SmtpStep {
  command: string;
  /** When the command was sent (Unix ms): what a server's clock saw, e.g. for greylisting. */
  at: number;
  /** null: no reply came (closed or timed out). */
  reply: SmtpReply | null;
}

export type SmtpOutcome = 'accepted' | 'rejected' | 'deferred' | 'disconnected';

export interface SmtpResult {
  banner: SmtpReply | null;
  steps: SmtpStep[];
  /**
   * accepted: every step passed (with DATA: the message was queued; with several recipients: at
   * least one accepted) · rejected / deferred: a 5xx / 4xx reply ended the attempt ·
   * disconnected: the server closed or went silent without such a reply.
   */
  outcome: SmtpOutcome;
  /** The reply that decided a rejected or deferred outcome. */
  decisive?: SmtpStep;
  /** `C: ` and `S: ` lines as sent and received. */
  transcript: string[];
  error?: string;
  durationMs: number;
}

/** Reads CRLF lines from a socket; each read waits at most the given time. */
class LineReader {
  private buffer = '';
  private waiting: (() => void) | null = null;
  closed = false;

  constructor(socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  private wake() {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  /** Puts a line back: it belongs to the next reply. */
  unread(line: string) {
    this.buffer = `${line}\r\n${this.buffer}`;
  }

  async line(timeoutMs: number): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.buffer.indexOf('\n');
      if (i >= 0) {
        const line = this.buffer.slice(0, i).replace(/\r$/, '');
        this.buffer = this.buffer.slice(i + 1);
        return line;
      }
      const left = deadline - Date.now();
      if (this.closed || left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => (clearTimeout(timer), resolve());
      });
    }
  }
}

function classify(code: number): SmtpOutcome | null {
  if (code >= 500) return 'rejected';
  if (code >= 400) return 'deferred';
  return null;
}

export async function smtpSession(options: SmtpOptions): Promise<SmtpResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const helo = options.helo ?? 'client.lab.example';
  const transcript: string[] = [];
  const steps: SmtpStep[] = [];
  let banner: SmtpReply | null = null;

  const socket = net.connect({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    localAddress: options.source ?? '127.0.0.1',
  });
  const reader = new LineReader(socket);
  const finish = (outcome: SmtpOutcome, extra: { decisive?: SmtpStep; error?: string } = {}) => {
    socket.destroy();
    return { banner, steps, outcome, transcript, durationMs: Date.now() - started, ...extra };
  };

  const connected = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(`connect timed out after ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => (clearTimeout(timer), resolve(null)));
    socket.once('error', (err) => (clearTimeout(timer), resolve(err.message)));
  });
  if (connected !== null) return finish('disconnected', { error: connected });

  const send = (text: string) => {
    for (const l of text.replace(/\r?\n$/, '').split(/\r?\n/)) transcript.push(`C: ${l}`);
    socket.write(text);
  };
  const readReply = async (): Promise<SmtpReply | null> => {
    const lines: string[] = [];
    let code = 0;
    for (;;) {
      const line = await reader.line(timeoutMs);
      if (line === null) return null;
      const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
      if (m && code !== 0 && Number(m[1]) !== code) {
        // postscreen answers a pregreeting client without ever finishing its "220-" banner:
        // a line with another code starts the next reply.
        reader.unread(line);
        return { code, lines, text: lines.join(' ') };
      }
      transcript.push(`S: ${line}`);
      if (!m) continue;
      code = Number(m[1]);
      lines.push(m[3] ?? '');
      if (m[2] !== '-') return { code, lines, text: lines.join(' ') };
    }
  };
  const lost = () =>
    reader.closed ? 'connection closed by the server' : `no reply within ${timeoutMs} ms`;
  /** Sends a command and reads its reply (a null reply: closed or timed out). */
  const command = async (text: string) => {
    const at = Date.now();
    send(`${text}\r\n`);
    const step: SmtpStep = { command: text, at, reply: await readReply() };
    steps.push(step);
    return step;
  };

  const greeting = `${options.ehlo === false ? 'HELO' : 'EHLO'} ${helo}`;
  const pregreet = options.pregreet === true ? greeting : options.pregreet || undefined;
  if (pregreet !== undefined) send(`${pregreet}\r\n`);
  banner = await readReply();
  if (!banner) return finish('disconnected', { error: lost() });
  const bannerVerdict = classify(banner.code);
  if (bannerVerdict) {
    return finish(bannerVerdict, { decisive: { command: '(banner)', at: started, reply: banner } });
  }
  if (pregreet !== undefined) {
    // The early command is answered after the banner like any other.
    const step: SmtpStep = { command: pregreet, at: started, reply: await readReply() };
    steps.push(step);
    if (!step.reply) return finish('disconnected', { error: lost() });
  }

  const sequence: (() => Promise<{ outcome: SmtpOutcome; step: SmtpStep } | null>)[] = [];
  const check = (step: SmtpStep) => {
    if (!step.reply) return { outcome: 'disconnected' as const, step };
    const verdict = classify(step.reply.code);
    return verdict ? { outcome: verdict, step } : null;
  };
  // A pregreet of the greeting itself stands for it (the server has answered it already).
  if (pregreet !== greeting) sequence.push(async () => check(await command(greeting)));
  if (options.mailFrom !== undefined) {
    const mailFrom = options.mailFrom;
    sequence.push(async () => check(await command(`MAIL FROM:<${mailFrom}>`)));
    const rcpts = options.rcptTo ?? [];
    if (rcpts.length > 0) {
      sequence.push(async () => {
        let accepted = 0;
        let failure: { outcome: SmtpOutcome; step: SmtpStep } | null = null;
        for (const r of rcpts) {
          const verdict = check(await command(`RCPT TO:<${r}>`));
          if (verdict?.outcome === 'disconnected') return verdict;
          if (verdict) failure ??= verdict;
          else accepted++;
        }
        return accepted > 0 ? null : failure;
      });
    }
    if (options.data !== undefined) {
      const body = options.data;
      sequence.push(async () => {
        const go = await command('DATA');
        const verdict = check(go);
        if (verdict) return verdict;
        // Dot-stuffing: a line starting with "." gets another.
        const text = body.replace(/\r?\n/g, '\r\n').replace(/(^|\r\n)\./g, '$1..');
        socket.write(`${text}${text.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
        transcript.push(`C: <message, ${text.length} bytes>`, 'C: .');
        const step: SmtpStep = {
          command: '<end of data>',
          at: Date.now(),
          reply: await readReply(),
        };
        steps.push(step);
        return check(step);
      });
    }
  }

  for (const next of sequence) {
    const verdict = await next();
    if (verdict) {
      if (verdict.outcome === 'disconnected') return finish('disconnected', { error: lost() });
      if (options.quit !== false && !reader.closed) await command('QUIT');
      return finish(verdict.outcome, { decisive: verdict.step });
    }
  }
  if (options.quit !== false) await command('QUIT');
  return finish('accepted');
}
