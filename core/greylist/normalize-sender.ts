// Sender normalisation before the greylisting triplet is formed, as postgrey does it: a new
// BATV tag, +extension or VERP number per message must not make every retry a new triplet.
// Runtime: pure.

export interface SenderNormalization {
  batv: boolean;
  plusExtension: boolean;
  verpDigits: boolean;
}

/** What postgrey cannot be told otherwise: it always applies all three. */
export const POSTGREY_NORMALIZATION: SenderNormalization = {
  batv: true,
  plusExtension: true,
  verpDigits: true,
};

const BATV_TAG = /^[0-9a-z]{10}/;

/**
 * BATV as postgrey 1.37 strips it: "prvs=" and exactly two more parts, either order — the part
 * that does not start like a tag (ten lower-case letters or digits) is the user; when both or
 * neither do, the last. Case matters (postgrey looks before lower-casing). Other BATV schemes
 * postgrey leaves alone; mxwarden's own policy service strips msprvs/btv1 tags too.
 */
function stripBatv(user: string, postgrey: boolean): string {
  if (user.startsWith('prvs=')) {
    const parts = user.split('=');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // as Perl's split
    if (parts.length !== 3) return user;
    const [, a = '', b = ''] = parts;
    return BATV_TAG.test(b) && !BATV_TAG.test(a) ? a : b;
  }
  if (postgrey) return user;
  return user.replace(/^(msprvs\d*|btv1)=[^=]+=/i, '');
}

/** `postgrey`: exactly what postgrey 1.37 does (a server greylisting with postgrey). */
export function normalizeSender(
  sender: string,
  n: SenderNormalization,
  scheme: 'mxwarden' | 'postgrey' = 'mxwarden',
): string {
  const s = sender.trim().replace(/^<|>$/g, '');
  const at = s.lastIndexOf('@');
  if (at < 0) return s.toLowerCase(); // the null sender "" and bare local parts stay as they are
  let user = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (n.batv) user = stripBatv(user, scheme === 'postgrey');
  if (n.plusExtension) user = user.replace(/\+.*$/, '');
  // VERP: bounce-1234-5678@lists.example → bounce-#-#@lists.example. Whole numbers only, as
  // postgrey's s/\b\d+\b/#/g: "user123" stays "user123".
  if (n.verpDigits) user = user.replace(/\b\d+\b/g, '#');
  return `${user}@${domain}`.toLowerCase();
}
