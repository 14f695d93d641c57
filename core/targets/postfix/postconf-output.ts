// `postconf` / `postconf -n` output: one "name = value" per line. Runtime: pure.

export function parsePostconf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    // postconf folds long values only with -f; a leading blank would continue the previous one.
    if (/^\s/.test(line) && last) {
      out[last] = `${out[last]} ${line.trim()}`;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    last = line.slice(0, eq).trim();
    out[last] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Postfix lists are separated by commas and/or whitespace. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}
