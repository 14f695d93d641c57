// The words the Policy page uses for actions, scopes and statuses, in one place. Pure.

import type { CheckAction } from '../../../core/policy/schema';

export const ACTION_WORDS: Record<CheckAction['action'], string> = {
  off: 'Off',
  reject: 'Reject (5xx)',
  defer: 'Defer (4xx)',
  greylist: 'Greylist',
  score: 'Add to the DNSBL score',
};

export const RDNS_WORDS = {
  none: 'Not required',
  ptr: 'A PTR record (any name)',
  fcrdns: 'Forward-confirmed (the name resolves back to the address)',
} as const;

export const APPLY_TO_WORDS = {
  all: 'All clients',
  'no-rdns': 'Clients without reverse DNS',
  'dnsbl-listed': 'Clients listed on a DNS list',
} as const;

export const GREET_WORDS = {
  enforce: 'Enforce (reject after the greeting)',
  drop: 'Drop the connection',
  ignore: 'Ignore (log only)',
} as const;

export const SOURCE_WORDS: Record<string, string> = {
  manual: 'typed',
  review: 'review queue',
  import: 'imported',
  template: 'template',
};

export const sourceWord = (source: string | undefined): string =>
  !source ? 'typed' : (SOURCE_WORDS[source] ?? source.replace(/^cloud:/, 'cloud: '));

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
