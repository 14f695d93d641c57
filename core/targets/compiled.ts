// What compiling a policy for one server produces. Runtime: types only.

export interface CompiledFile {
  /** Absolute path on the server, under the managed directory. */
  path: string;
  content: string;
  mode: number;
  /** Map files that need `postmap` before Postfix can read them (hash, btree, lmdb). */
  postmap?: string;
  /** Which service reads it (decides what to reload). */
  readBy: 'postfix' | 'postgrey';
}

export interface Unsupported {
  /** Which part of the policy: "greylisting.applyTo", "spf.fail", … */
  rule: string;
  message: string;
}

export interface CompiledConfig {
  target: string;
  /** Where mxwarden's files live on the server (owned entirely by mxwarden). */
  managedDirectory: string;
  files: CompiledFile[];
  /** main.cf parameters mxwarden sets, in order. */
  mainCf: { name: string; value: string }[];
  /** postgrey's command-line options (whitelist files, delay, ...) when the server greylists with it. */
  postgrey?: { service: string; options: string[] };
  unsupported: Unsupported[];
  /** Site restrictions taken over by the policy (removed from the site's list), said plainly. */
  notes: string[];
  /** sha256 of the policy document: written into every file's header. */
  policyHash: string;
}

/** One thing import found on a server, and what became of it. */
export interface ImportFinding {
  /** Where it came from: "smtpd_recipient_restrictions", "/etc/postfix/access:12", … */
  where: string;
  what: string;
  /** imported: now in the policy; kept: the site's own, left as it is; not-represented: stays on the server, untouched. */
  status: 'imported' | 'kept' | 'not-represented';
  why?: string;
}
