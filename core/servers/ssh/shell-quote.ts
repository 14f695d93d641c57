// Building remote command lines from fixed argv. sshd hands the command to the login shell, so
// every argument is single-quoted: nothing a user typed is ever interpreted by that shell.
// Runtime: pure.

/** POSIX sh quoting: 'it'\''s' — safe for any byte string without NUL. */
export function quoteArg(arg: string): string {
  if (arg.includes('\0'))
    throw new Error('An argument contains a NUL byte and cannot be passed to a remote command');
  // Plain words need no quotes; keeping them bare makes logged command lines readable.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('Empty command');
  return argv.map(quoteArg).join(' ');
}
