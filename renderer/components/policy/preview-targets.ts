// What a preview can compile for: an inspected server, or one of the core's named profiles
// (core/targets/target.ts NAMED_PROFILES, which the renderer cannot import: it is not pure-listed).

export const PROFILES = {
  'postfix-postscreen-postgrey': 'Postfix with postscreen and postgrey',
  'postfix-postscreen': 'Postfix with postscreen, no greylisting',
  'postfix-postgrey': 'Postfix with postgrey, no postscreen',
  postfix: 'Plain Postfix (smtpd restrictions only)',
} as const;

export type ProfileName = keyof typeof PROFILES;

export type PreviewTarget = { kind: 'server'; id: number } | { kind: 'profile'; name: ProfileName };

export const targetValue = (t: PreviewTarget): string =>
  t.kind === 'server' ? `s:${t.id}` : `p:${t.name}`;

export function parseTarget(v: string): PreviewTarget | undefined {
  if (v.startsWith('s:')) return { kind: 'server', id: Number(v.slice(2)) };
  if (v.startsWith('p:') && Object.hasOwn(PROFILES, v.slice(2)))
    return { kind: 'profile', name: v.slice(2) as ProfileName };
  return undefined;
}
