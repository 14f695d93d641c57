// Turns zod issues into sentences a person can act on. Pure.

import type { z } from 'zod';
import { AppError } from './result';

/** C0 control characters and DEL: line breaks, tabs, NUL, escape sequences. */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export interface ValidationIssue {
  /** Where, for people: a dotted path, or words such as "line 3 of the client allowlist". */
  path: string;
  message: string;
  /** The field's path in the document, for UIs that place the message next to it. */
  at?: (string | number)[];
}

const withArticle = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'a whole number' : withArticle(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describe(issue),
  }));
}

export function issueSentence(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** Parse or throw INVALID_REQUEST naming every problem, e.g. `settings.set: theme: must be one of …`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw new AppError('INVALID_REQUEST', `${what}: ${issueSentence(issues)}`, { issues });
}
