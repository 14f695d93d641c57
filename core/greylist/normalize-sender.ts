// Sender normalisation before the greylisting triplet is formed, as postgrey does it: a new
// BATV tag, +extension or VERP number per message must not make every retry a new triplet.
// Runtime: pure.

export interface SenderNormalization {
  batv: boolean;
  plusExtension: boolean;
  verpDigits: boolean;
}

export function normalizeSender(sender: string, n: SenderNormalization): string {
  const s = sender.trim().toLowerCase().replace(/^<|>$/g, '');
  const at = s.lastIndexOf('@');
  if (at < 0) return s; // the null sender "" and bare local parts stay as they are
  let user = s.slice(0, at);
  const domain = s.slice(at + 1);
  // BATV: prvs=tag=user@domain (also the older prvs=user=tag form's common variant).
  if (n.batv) user = user.replace(/^(prvs|msprvs\d*|btv1)=[^=]+=/, '');
  if (n.plusExtension) user = user.replace(/\+.*$/, '');
  // VERP: bounce-1234-5678@lists.example → bounce-#-#@lists.example.
  if (n.verpDigits) user = user.replace(/\d+/g, '#');
  return `${user}@${domain}`;
}
