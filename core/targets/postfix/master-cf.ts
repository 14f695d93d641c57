// master.cf entries as `postconf -M` prints them (one service per line, -o overrides inline).
// Runtime: pure.

export interface MasterEntry {
  service: string;
  type: string;
  private: string;
  unpriv: string;
  chroot: string;
  wakeup: string;
  maxproc: string;
  command: string;
  args: string[];
  /** -o name=value overrides. */
  overrides: Record<string, string>;
}

export function parseMasterCf(text: string): MasterEntry[] {
  const entries: MasterEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    if (f.length < 8) continue;
    const [service, type, priv, unpriv, chroot, wakeup, maxproc, command, ...args] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    const overrides: Record<string, string> = {};
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      const opt = a === '-o' ? args[++i] : a.startsWith('-o') ? a.slice(2) : undefined;
      if (opt === undefined) continue;
      const eq = opt.indexOf('=');
      if (eq > 0) overrides[opt.slice(0, eq)] = opt.slice(eq + 1);
    }
    entries.push({
      service,
      type,
      private: priv,
      unpriv,
      chroot,
      wakeup,
      maxproc,
      command,
      args,
      overrides,
    });
  }
  return entries;
}
