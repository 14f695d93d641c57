// Where SPF expansion reads DNS records from: the live resolver (dns-record-source.ts, over the
// app's DnsClient) or the offline snapshot (records as the providers published them, shipped
// with the app). One interface, so the snapshot is expanded by the same code as live data.
// Runtime: pure.

export type RecordType = 'TXT' | 'A' | 'AAAA' | 'MX';

export interface MxAnswer {
  exchange: string;
  priority: number;
}

type Data<T extends RecordType> = T extends 'MX' ? MxAnswer : string;

/**
 * One answer. `missing` is the snapshot's own: the name was not captured in it (never a DNS
 * answer). Timeouts and errors stay what they are, never "no records".
 */
export type RecordAnswer<T extends RecordType = RecordType> =
  | { status: 'ok'; records: Data<T>[]; cached: boolean }
  | { status: 'nxdomain' | 'nodata'; cached: boolean }
  | { status: 'timeout' }
  | { status: 'error'; message: string }
  | { status: 'missing' };

export interface RecordSource {
  /** 'live' (DNS) or 'snapshot' (shipped data); stored with each expansion. */
  readonly origin: 'live' | 'snapshot';
  lookup<T extends RecordType>(name: string, type: T): Promise<RecordAnswer<T>>;
}

/** Records by owner name, as a snapshot holds them. */
export interface StaticRecords {
  [name: string]: {
    txt?: readonly string[];
    a?: readonly string[];
    aaaa?: readonly string[];
    mx?: readonly MxAnswer[];
  };
}

/**
 * A source over records held in memory (the offline snapshot). A name or type it does not hold
 * is `missing` (not captured); an empty list is NODATA, as DNS would answer.
 */
export function staticRecordSource(records: StaticRecords): RecordSource {
  const byName = new Map(Object.entries(records).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    origin: 'snapshot',
    lookup: async <T extends RecordType>(name: string, type: T): Promise<RecordAnswer<T>> => {
      const entry = byName.get(name.toLowerCase().replace(/\.$/, ''));
      if (!entry) return { status: 'missing' };
      const key = type.toLowerCase() as 'txt' | 'a' | 'aaaa' | 'mx';
      const data = entry[key];
      // A type the snapshot did not capture is unknown, not absent; [] is a captured NODATA.
      if (data === undefined) return { status: 'missing' };
      if (data.length === 0) return { status: 'nodata', cached: false };
      return { status: 'ok', records: [...data] as Data<T>[], cached: false };
    },
  };
}
