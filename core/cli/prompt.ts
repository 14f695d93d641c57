// Asking the person at the terminal: a line, or a secret without echo. Runtime: Node.

import readline from 'node:readline';
import { Writable } from 'node:stream';

export const isInteractive = (): boolean => !!process.stdin.isTTY && !!process.stderr.isTTY;

export function ask(question: string, secret = false): Promise<string> {
  let muted = false;
  // Echo goes to stderr (stdout may be piped to a file); while muted, typed characters are hidden.
  const output = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stderr.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (secret) process.stderr.write('\n');
      resolve(answer);
    });
    muted = secret;
  });
}
