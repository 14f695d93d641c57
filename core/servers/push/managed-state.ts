// What mxwarden wrote to a server, kept on the server itself (`state.json` in the managed
// directory) so that every workstation and the CLI see the same record: the version directories
// and the sha256 of each file, the main.cf settings as written, postgrey's options, and the site's
// own values of those settings from before mxwarden first managed them (so that a setting the
// policy stops managing goes back to what the site had). Drift is the server differing from it.
// Runtime: pure.

import { z } from 'zod';

export const STATE_FILE = 'state.json';
export const PENDING_STATE_FILE = 'state.pending.json';

const managedStateSchema = z.object({
  format: z.literal('mxwarden-managed-state'),
  version: z.literal(1),
  pushId: z.string(),
  pushedAt: z.number(),
  actor: z.string(),
  workstation: z.string(),
  appVersion: z.string(),
  policy: z.object({ versionId: z.number().nullable(), name: z.string(), hash: z.string() }),
  dirs: z.array(
    z.object({
      kind: z.enum(['postfix', 'postgrey']),
      name: z.string(),
      files: z.array(z.object({ name: z.string(), sha256: z.string() })),
    }),
  ),
  mainCf: z.array(z.object({ name: z.string(), value: z.string() })),
  /** The site's value of each managed setting before mxwarden managed it; null: it was not set. */
  original: z.record(z.string(), z.string().nullable()),
  postgrey: z.object({ options: z.array(z.string()) }).optional(),
});

export type ManagedState = z.infer<typeof managedStateSchema>;

export function parseManagedState(text: string): ManagedState {
  const r = managedStateSchema.safeParse(JSON.parse(text));
  if (!r.success) throw new Error(`not mxwarden's state file: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

export const serializeManagedState = (s: ManagedState): string => `${JSON.stringify(s, null, 2)}\n`;
