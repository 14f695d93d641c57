// Writing Postfix lookup tables line by line. Keys and values come from the validated policy;
// anything that could end a line or start a comment is refused here a second time, so a file
// can never be broken or made to carry extra configuration. Runtime: pure.

import { hasControlCharacters } from '../../app/validation';

export function fileHeader(what: string, policyHash: string, version: string): string {
  return [
    `# ${what}`,
    `# Written by mxwarden ${version} from policy ${policyHash.slice(0, 12)}. Do not edit: mxwarden owns this`,
    '# file, detects changes made to it, and replaces it on the next push.',
    '',
  ].join('\n');
}

/** A comment line from free text (an entry's note): one line, no control characters. */
export function comment(text: string): string {
  const flat = Array.from(text, (c) => (hasControlCharacters(c) ? ' ' : c)).join('');
  return `# ${flat.trim()}`;
}

export class MapWriter {
  private readonly lines: string[] = [];
  private condition: string | undefined;

  constructor(header: string) {
    this.lines.push(header);
  }

  /**
   * A regexp table whose entries apply only to lookup strings matching this condition
   * (regexp_table(5): `if /pattern/` or `if !/pattern/` ... `endif` around the entries).
   */
  onlyIf(condition: string): this {
    if (hasControlCharacters(condition) || !/^!?\/.+\/$/.test(condition))
      throw new Error(`refusing a regexp condition: ${JSON.stringify(condition)}`);
    this.condition = condition;
    return this;
  }

  entry(key: string, value: string, note?: string): void {
    if (
      hasControlCharacters(key) ||
      hasControlCharacters(value) ||
      key.trim() === '' ||
      key.startsWith('#')
    ) {
      throw new Error(`refusing a map line that could break the file: ${JSON.stringify(key)}`);
    }
    // Keys of the non-regex maps are single words: a space would split them.
    if (!key.startsWith('/') && /\s/.test(key))
      throw new Error(`refusing a map key with a space: ${JSON.stringify(key)}`);
    if (note) this.lines.push(comment(note));
    this.lines.push(`${key} ${value}`);
  }

  get size(): number {
    return this.lines.filter((l) => l && !l.startsWith('#')).length;
  }

  toString(): string {
    if (!this.condition || this.size === 0) return `${this.lines.join('\n')}\n`;
    const [header = '', ...entries] = this.lines;
    return `${[header, `if ${this.condition}`, ...entries, 'endif'].join('\n')}\n`;
  }
}

/**
 * A JavaScript regex from the policy as a POSIX extended regex for Postfix's regexp: table
 * (pcre: is not always installed). undefined when it uses what POSIX cannot say.
 */
export function toPosixRegex(source: string): string | undefined {
  if (/\(\?|\\[bBkpPu]|\\[1-9]|[*+?}]\?/.test(source)) return undefined; // lookaround, backrefs, lazy, unicode classes
  return source
    .replace(/\\d/g, '[0-9]')
    .replace(/\\D/g, '[^0-9]')
    .replace(/\\w/g, '[A-Za-z0-9_]')
    .replace(/\\W/g, '[^A-Za-z0-9_]')
    .replace(/\\s/g, '[[:space:]]')
    .replace(/\\S/g, '[^[:space:]]')
    .replace(/\//g, '\\/');
}

/** A regexp: table line: the pattern between slashes, case-insensitive (Postfix's default is i). */
export const regexKey = (posix: string): string => `/${posix}/`;

export const escapeRegex = (literal: string): string =>
  literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
