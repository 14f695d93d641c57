// Greylisting delays as the review page shows them: wanted mail that waited (one-time codes and
// password resets arrive late or never), per provider or sender organisation, with how long it
// waited and what to except — the provider when its ranges hold the client (its retries come
// from a pool), otherwise the sender domain when SPF passes. Runtime: pure.

import type { GreylistDelayRow } from '../app/types/review';
import { networkOf } from './group-queue';

export interface GreylistEpisode {
  client: string;
  clientName: string | null;
  sender: string;
  senderDomain: string;
  recipient: string;
  delay: number | null;
  passed: number;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2
    ? (s[m] as number)
    : Math.round(((s[m - 1] as number) + (s[m] as number)) / 2);
};

export function greylistDelays(
  episodes: readonly GreylistEpisode[],
  providerOf: (client: string) => { id: string; name: string } | undefined,
): GreylistDelayRow[] {
  const groups = new Map<
    string,
    {
      row: Omit<GreylistDelayRow, 'medianDelaySeconds' | 'maxDelaySeconds'>;
      delays: number[];
      pairs: Map<string, { client: string; senderDomain: string }>;
    }
  >();
  for (const e of episodes) {
    const provider = providerOf(e.client);
    const key = provider
      ? `provider:${provider.id}`
      : e.senderDomain
        ? `domain:${e.senderDomain}`
        : `network:${networkOf(e.client)}`;
    let g = groups.get(key);
    if (!g) {
      const label = provider?.name ?? (e.senderDomain || networkOf(e.client));
      g = {
        row: {
          key,
          label,
          ...(provider ? { provider } : {}),
          ...(e.senderDomain ? { senderDomain: e.senderDomain } : {}),
          triplets: 0,
          neverPassed: 0,
          recipients: [],
          senders: [],
          clients: [],
          suggestion: provider
            ? {
                precision: 'provider',
                value: provider.id,
                words: `Except ${provider.name} from greylisting (its retries come from a pool of addresses)`,
              }
            : e.senderDomain
              ? {
                  precision: 'sender-domain',
                  value: e.senderDomain,
                  words: `Except mail from ${e.senderDomain} from greylisting when SPF passes`,
                }
              : {
                  precision: 'network',
                  value: networkOf(e.client),
                  words: `Except the network ${networkOf(e.client)} from greylisting`,
                },
          pairs: [],
        },
        delays: [],
        pairs: new Map(),
      };
      groups.set(key, g);
    }
    const r = g.row;
    if (e.passed) {
      r.triplets++;
      if (e.delay !== null) g.delays.push(e.delay);
    } else r.neverPassed++;
    if (r.recipients.length < 5 && !r.recipients.includes(e.recipient))
      r.recipients.push(e.recipient);
    if (r.senders.length < 5 && e.sender && !r.senders.includes(e.sender)) r.senders.push(e.sender);
    if (r.clients.length < 10 && !r.clients.includes(e.client)) r.clients.push(e.client);
    g.pairs.set(`${e.client}\u0001${e.senderDomain}`, {
      client: e.client,
      senderDomain: e.senderDomain,
    });
  }
  return [...groups.values()]
    .filter((g) => g.row.triplets > 0)
    .map((g) => ({
      ...g.row,
      medianDelaySeconds: median(g.delays),
      maxDelaySeconds: g.delays.length ? Math.max(...g.delays) : 0,
      pairs: [...g.pairs.values()].slice(0, 1000),
    }))
    .sort(
      (a, b) =>
        b.triplets * b.medianDelaySeconds - a.triplets * a.medianDelaySeconds ||
        a.label.localeCompare(b.label),
    );
}
