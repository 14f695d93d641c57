// Live records for SPF expansion: the app's DnsClient (its per-query timeout, TTL cache, in-flight
// de-duplication and concurrency bound) behind the expander's RecordSource. A timeout stays a
// timeout and a SERVFAIL/REFUSED an error with its code. Runtime: Node.

import type { DnsClient, DnsType } from '../net/dns-client';
import type { MxAnswer, RecordAnswer, RecordSource, RecordType } from './record-source';

export function dnsRecordSource(dns: DnsClient): RecordSource {
  return {
    origin: 'live',
    async lookup<T extends RecordType>(name: string, type: T): Promise<RecordAnswer<T>> {
      const r = await dns.query(name, type as DnsType);
      switch (r.status) {
        case 'ok':
          return {
            status: 'ok',
            records: (type === 'MX'
              ? (r.records as MxAnswer[]).map((m) => ({
                  exchange: m.exchange,
                  priority: m.priority,
                }))
              : r.records) as RecordAnswer<T> extends { records: infer R } ? R : never,
            cached: r.cached,
          };
        case 'nxdomain':
        case 'nodata':
          return { status: r.status, cached: r.cached };
        case 'timeout':
          return { status: 'timeout' };
        case 'error':
          return { status: 'error', message: `${r.code} (${r.message})` };
      }
    },
  };
}
