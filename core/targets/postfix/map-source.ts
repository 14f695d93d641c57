// Reading the source text of Postfix lookup tables (cidr, hash/btree/lmdb sources, texthash,
// regexp, pcre): key → value lines, comments and continuation lines as Postfix reads them.
// Runtime: pure.

export interface MapLine {
  key: string;
  value: string;
  line: number;
}

export function parseMapSource(text: string): MapLine[] {
  const out: MapLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    // A line starting with whitespace continues the previous entry.
    if (/^\s/.test(raw) && out.length) {
      const last = out[out.length - 1] as MapLine;
      last.value = `${last.value} ${raw.trim()}`.trim();
      continue;
    }
    const t = raw.trim();
    let key: string;
    let value: string;
    if (t.startsWith('/')) {
      // regexp/pcre: /pattern/flags action
      const end = t.lastIndexOf('/');
      const m = /^(\/.*\/[a-zA-Z]*)\s+(.*)$/.exec(t);
      key = m?.[1] ?? t.slice(0, end + 1);
      value = m?.[2] ?? '';
    } else {
      const m = /^(\S+)\s*(.*)$/.exec(t);
      key = m?.[1] ?? t;
      value = m?.[2] ?? '';
    }
    out.push({ key, value: value.trim(), line: i + 1 });
  }
  return out;
}

/** "cidr:/etc/postfix/x.cidr" → type and the file holding its source (hash:/x → /x). */
export function tableRef(ref: string): { type: string; file: string } | undefined {
  const m = /^(\w+):(\/\S+)$/.exec(ref.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return { type: m[1], file: m[2] };
}
