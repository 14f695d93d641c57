// SPF expansion: from a provider's SPF names to every address range they authorise — ip4/ip6
// terms, include and redirect followed recursively, a and mx resolved (with their /cidr and
// //cidr6 lengths). ptr becomes a host-name suffix (never an address guess); exists and macros
// are reported as not expandable with the term shown; loops, void lookups (RFC 7208 §4.6.4),
// too many DNS-querying terms and over-deep chains are detected and reported. Timeouts and DNS
// errors are reported as such, never as "no ranges". The walk is depth-first in record order
// (so the report is the same on every run) while each record's lookups are asked at once.
// Runtime: pure (the record source does the I/O).

import ipaddr from 'ipaddr.js';
import { mergeRanges } from './ranges';
import type { RecordAnswer, RecordSource, RecordType } from './record-source';
import { isSpfRecord, parseSpf, type SpfTerm } from './spf-record';
import type {
  HostnameOrigin,
  RangeOrigin,
  SpfExpansion,
  SpfIssue,
  SpfIssueKind,
  SpfVisit,
  VisitStatus,
} from './types';

export type { SpfExpansion, SpfIssue } from './types';

export interface ExpandOptions {
  /** Include/redirect nesting below the root beyond which nothing is fetched (default 10). */
  maxDepth?: number;
  /** DNS questions per expansion before it stops asking (default 250: hostile records). */
  maxQueries?: number;
  /** The provider an SPF name belongs to when it is another catalog provider's: not followed. */
  ownerOf?: (name: string) => string | undefined;
}

/** RFC 7208 §4.6.4 limits a receiver applies. */
export const RFC_LOOKUP_LIMIT = 10;
export const RFC_VOID_LIMIT = 2;
export const RFC_MX_LIMIT = 10;

const INCOMPLETE: ReadonlySet<SpfIssueKind> = new Set([
  'timeout',
  'dns-error',
  'not-in-snapshot',
  'lookup-cap',
]);

interface Node {
  name: string;
  status: VisitStatus;
  /** Include and redirect targets, in order (repeats kept: a receiver evaluates them again). */
  children: string[];
  /** DNS-querying terms in this record. */
  ownLookups: number;
  /** Void answers to this record's own a/mx queries, plus 1 when the record itself is void. */
  ownVoids: number;
}

/** What one term found, kept apart while lookups run so the report keeps the record's order. */
interface Sink {
  origins: RangeOrigin[];
  issues: SpfIssue[];
  hostnames: HostnameOrigin[];
}

const newSink = (): Sink => ({ origins: [], issues: [], hostnames: [] });

function append(to: Sink, from: Sink): void {
  to.origins.push(...from.origins);
  to.issues.push(...from.issues);
  to.hostnames.push(...from.hostnames);
}

function networkOf(address: string, prefix: number | undefined): string | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const ip = ipaddr.parse(address);
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  const p = Math.min(prefix ?? max, max);
  if (ip.kind() === 'ipv4')
    return `${ipaddr.IPv4.networkAddressFromCIDR(`${address}/${p}`).toString()}/${p}`;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address}/${p}`).toRFC5952String()}/${p}`;
}

export async function expandSpf(
  roots: readonly string[],
  source: RecordSource,
  options: ExpandOptions = {},
): Promise<SpfExpansion> {
  const maxDepth = options.maxDepth ?? 10;
  const maxQueries = options.maxQueries ?? 250;
  const asked = new Map<string, Promise<RecordAnswer>>();
  let cached = 0;
  let capped = false;
  const origins: RangeOrigin[] = [];
  const hostnames: HostnameOrigin[] = [];
  const visits: SpfVisit[] = [];
  const issues: SpfIssue[] = [];
  const nodes = new Map<string, Node>();
  const global: Sink = { origins, issues, hostnames };
  const issue = (i: SpfIssue) => issues.push(i);

  function ask<T extends RecordType>(name: string, type: T): Promise<RecordAnswer<T>> {
    const key = `${type} ${name}`;
    let p = asked.get(key);
    if (!p) {
      if (asked.size >= maxQueries) {
        if (!capped) {
          capped = true;
          issue({
            kind: 'lookup-cap',
            severity: 'error',
            name,
            message: `stopped after ${maxQueries} DNS questions; the rest was not expanded`,
          });
        }
        return Promise.resolve({ status: 'error', message: 'question cap reached' });
      }
      p = source.lookup(name, type).then((a) => {
        if ((a.status === 'ok' || a.status === 'nxdomain' || a.status === 'nodata') && a.cached)
          cached++;
        return a;
      });
      asked.set(key, p);
    }
    return p as Promise<RecordAnswer<T>>;
  }

  /** Reports an answer that is neither records nor a clean "none"; true when it was one. */
  function answerProblem(
    a: RecordAnswer,
    name: string,
    what: string,
    term?: string,
    sink: Sink = global,
  ): boolean {
    const at = term ? { term } : {};
    const issue = (i: SpfIssue) => sink.issues.push(i);
    if (a.status === 'timeout')
      issue({ kind: 'timeout', severity: 'error', name, ...at, message: `${what}: timed out` });
    else if (a.status === 'error')
      issue({
        kind: 'dns-error',
        severity: 'error',
        name,
        ...at,
        message: `${what}: ${a.message}`,
      });
    else if (a.status === 'missing')
      issue({
        kind: 'not-in-snapshot',
        severity: 'error',
        name,
        ...at,
        message: `${what}: not captured in the offline snapshot (refresh to read it live)`,
      });
    else return false;
    return true;
  }

  async function addresses(
    host: string,
    cidr4: number | undefined,
    cidr6: number | undefined,
    via: string,
    term: string,
    sink: Sink,
  ): Promise<'some' | 'void' | 'failed'> {
    const [a, aaaa] = await Promise.all([ask(host, 'A'), ask(host, 'AAAA')]);
    let found = false;
    let failed = false;
    for (const [answer, prefix, type] of [
      [a, cidr4, 'A'],
      [aaaa, cidr6, 'AAAA'],
    ] as const) {
      if (answerProblem(answer, via, `${term}: ${type} ${host}`, term, sink)) failed = true;
      if (answer.status !== 'ok') continue;
      for (const address of answer.records) {
        const cidr = networkOf(address, prefix);
        if (cidr) {
          found = true;
          sink.origins.push({ cidr, via, term });
        } else
          sink.issues.push({
            kind: 'dns-error',
            severity: 'error',
            name: via,
            term,
            message: `${term}: ${type} ${host} answered "${address}", not an address`,
          });
      }
    }
    return found ? 'some' : failed ? 'failed' : 'void';
  }

  /** a and mx terms: resolved to networks now; counted as void when nothing answers. */
  async function resolveTerm(
    t: Extract<SpfTerm, { kind: 'a' | 'mx' }>,
    name: string,
    node: Node,
  ): Promise<Sink> {
    const sink = newSink();
    const issue = (i: SpfIssue) => sink.issues.push(i);
    const host = t.domain ?? name;
    if (t.kind === 'a') {
      const r = await addresses(host, t.cidr4, t.cidr6, name, t.raw, sink);
      if (r === 'void') {
        node.ownVoids++;
        issue({
          kind: 'void-lookup',
          severity: 'warning',
          name,
          term: t.raw,
          message: `${t.raw}: ${host} has no A or AAAA records (a void lookup)`,
        });
      }
      return sink;
    }
    const mx = await ask(host, 'MX');
    if (answerProblem(mx, name, `${t.raw}: MX ${host}`, t.raw, sink)) return sink;
    if (mx.status !== 'ok' || mx.records.length === 0) {
      node.ownVoids++;
      issue({
        kind: 'void-lookup',
        severity: 'warning',
        name,
        term: t.raw,
        message: `${t.raw}: ${host} has no MX records (a void lookup)`,
      });
      return sink;
    }
    const exchanges = [...mx.records]
      .sort((x, y) => x.priority - y.priority || x.exchange.localeCompare(y.exchange))
      .map((r) => r.exchange.toLowerCase().replace(/\.$/, ''))
      .filter((e) => e !== '');
    if (exchanges.length > RFC_MX_LIMIT)
      issue({
        kind: 'mx-limit',
        severity: 'warning',
        name,
        term: t.raw,
        message: `${t.raw}: ${host} has ${exchanges.length} MX records; receivers return permerror above ${RFC_MX_LIMIT}`,
      });
    // Each exchange into its own sink, appended in MX order: the report does not depend on
    // which answer came first.
    const perExchange = await Promise.all(
      exchanges.slice(0, RFC_MX_LIMIT).map(async (e) => {
        const s = newSink();
        await addresses(e, t.cidr4, t.cidr6, name, t.raw, s);
        return s;
      }),
    );
    for (const s of perExchange) append(sink, s);
    return sink;
  }

  function recordOf(
    answer: RecordAnswer<'TXT'>,
    name: string,
    isRoot: boolean,
    via: string | undefined,
  ): { status: VisitStatus; record?: string; terms?: SpfTerm[] } {
    const how = via ? `${name} (from ${via})` : name;
    if (answerProblem(answer, name, `TXT ${how}`)) {
      return {
        status:
          answer.status === 'timeout'
            ? 'timeout'
            : answer.status === 'missing'
              ? 'missing'
              : 'error',
      };
    }
    if (answer.status !== 'ok') {
      issue({
        kind: isRoot ? 'no-spf' : 'void-lookup',
        severity: isRoot ? 'error' : 'warning',
        name,
        message: `${how}: ${answer.status === 'nxdomain' ? 'the name does not exist (NXDOMAIN)' : 'no TXT records'}${isRoot ? '' : ' — a void lookup; receivers return permerror for this include'}`,
      });
      return { status: answer.status };
    }
    const spf = answer.records.filter(isSpfRecord);
    if (spf.length === 0) {
      issue({
        kind: 'no-spf',
        severity: isRoot ? 'error' : 'warning',
        name,
        message: `${how}: TXT records but none is an SPF record`,
      });
      return { status: 'no-spf' };
    }
    if (spf.length > 1) {
      issue({
        kind: 'multiple-spf',
        severity: 'warning',
        name,
        message: `${how}: ${spf.length} SPF records (receivers return permerror); none was used`,
      });
      return { status: 'multiple-spf' };
    }
    const record = spf[0] as string;
    const parsed = parseSpf(record);
    if (!parsed.ok) {
      issue({
        kind: 'malformed',
        severity: 'warning',
        name,
        ...(parsed.term ? { term: parsed.term } : {}),
        message: `${how}: malformed SPF record (${parsed.message}); nothing taken from it`,
      });
      return { status: 'malformed', record };
    }
    return { status: 'ok', record, terms: parsed.terms };
  }

  async function visit(name: string, depth: number, stack: readonly string[], parent?: string) {
    const answer = await ask(name, 'TXT');
    const r = recordOf(answer, name, depth === 0, parent);
    visits.push({
      name,
      depth,
      ...(parent ? { parent } : {}),
      status: r.status,
      ...(r.record ? { record: r.record } : {}),
    });
    const node: Node = {
      name,
      status: r.status,
      children: [],
      ownLookups: 0,
      ownVoids: depth > 0 && (r.status === 'nxdomain' || r.status === 'nodata') ? 1 : 0,
    };
    nodes.set(name, node);
    if (!r.terms) return;
    const terms = r.terms;
    const hasAll = terms.some((t) => t.kind === 'all');
    // Ask everything this record needs at once; walk it in order below.
    for (const t of terms) {
      if ((t.kind === 'include' || t.kind === 'redirect') && !t.macro) void ask(t.domain, 'TXT');
    }
    // One output per term (a and mx still resolving), flushed in record order.
    const outputs: (Sink | Promise<Sink>)[] = [];
    const follow: { target: string; term: string }[] = [];
    for (const t of terms) {
      const out = newSink();
      outputs.push(out);
      const issue = (i: SpfIssue) => out.issues.push(i);
      if (['include', 'a', 'mx', 'ptr', 'exists', 'redirect'].includes(t.kind)) node.ownLookups++;
      if ('macro' in t && t.macro) {
        issue({
          kind: 'not-expandable',
          severity: 'warning',
          name,
          term: t.raw,
          message: `${t.raw}: a macro depends on each message (sender, address); not expandable to ranges`,
        });
        continue;
      }
      switch (t.kind) {
        case 'ip4':
        case 'ip6':
          if (t.qualifier === '+') out.origins.push({ cidr: t.network, via: name, term: t.raw });
          else
            issue({
              kind: 'not-pass',
              severity: 'info',
              name,
              term: t.raw,
              message: `${t.raw}: qualifier ${t.qualifier} does not authorise; not taken`,
            });
          break;
        case 'a':
        case 'mx':
          if (t.qualifier === '+') outputs[outputs.length - 1] = resolveTerm(t, name, node);
          else
            issue({
              kind: 'not-pass',
              severity: 'info',
              name,
              term: t.raw,
              message: `${t.raw}: qualifier ${t.qualifier} does not authorise; not taken`,
            });
          break;
        case 'ptr': {
          const suffix = t.domain ?? name;
          out.hostnames.push({ suffix, via: name, term: t.raw });
          issue({
            kind: 'ptr',
            severity: 'info',
            name,
            term: t.raw,
            message: `${t.raw}: senders are matched by verified host name under ${suffix}, not by address`,
          });
          break;
        }
        case 'exists':
          issue({
            kind: 'not-expandable',
            severity: 'warning',
            name,
            term: t.raw,
            message: `${t.raw}: exists asks DNS about each sender; not expandable to ranges`,
          });
          break;
        case 'include':
          if (t.qualifier === '+') follow.push({ target: t.domain, term: t.raw });
          else
            issue({
              kind: 'not-pass',
              severity: 'info',
              name,
              term: t.raw,
              message: `${t.raw}: qualifier ${t.qualifier} does not authorise; not followed`,
            });
          break;
        case 'redirect':
          // RFC 7208 §6.1: ignored when the record has an "all" mechanism.
          if (!hasAll) follow.push({ target: t.domain, term: t.raw });
          break;
        default:
          break;
      }
    }
    for (const out of await Promise.all(outputs)) append(global, out);
    for (const { target, term } of follow) {
      node.children.push(target);
      const owner = options.ownerOf?.(target);
      if (owner) {
        issue({
          kind: 'delegated',
          severity: 'info',
          name,
          term,
          message: `${term}: ${target} is ${owner}'s; its ranges are listed under ${owner}`,
        });
        continue;
      }
      if (stack.includes(target) || target === name) {
        issue({
          kind: 'loop',
          severity: 'warning',
          name,
          term,
          message: `${term}: loops back to ${target} (${[...stack, name, target].join(' → ')})`,
        });
        continue;
      }
      if (nodes.has(target)) continue; // reached already by another path: expanded once
      if (depth + 1 > maxDepth) {
        issue({
          kind: 'too-deep',
          severity: 'warning',
          name,
          term,
          message: `${term}: more than ${maxDepth} nested include/redirect levels; not followed`,
        });
        continue;
      }
      await visit(target, depth + 1, [...stack, name], name);
    }
  }

  for (const root of roots) {
    if (!nodes.has(root)) await visit(root, 0, []);
  }

  // What a receiver evaluating each root would count: every term, includes again where repeated.
  const rfcLookups: Record<string, number> = {};
  const totals = (name: string, seen: readonly string[]): { lookups: number; voids: number } => {
    const n = nodes.get(name);
    if (!n || seen.includes(name)) return { lookups: 0, voids: 0 };
    let lookups = n.ownLookups;
    let voids = n.ownVoids;
    for (const c of n.children) {
      const t = totals(c, [...seen, name]);
      lookups += t.lookups;
      voids += t.voids;
    }
    return { lookups, voids };
  };
  for (const root of roots) {
    const t = totals(root, []);
    rfcLookups[root] = t.lookups;
    if (t.lookups > RFC_LOOKUP_LIMIT)
      issue({
        kind: 'lookup-limit',
        severity: 'warning',
        name: root,
        message: `${root} needs ${t.lookups} DNS lookups; receivers return permerror above ${RFC_LOOKUP_LIMIT} (RFC 7208 §4.6.4)`,
      });
    if (t.voids > RFC_VOID_LIMIT)
      issue({
        kind: 'void-limit',
        severity: 'warning',
        name: root,
        message: `${root} has ${t.voids} void lookups; receivers return permerror above ${RFC_VOID_LIMIT} (RFC 7208 §4.6.4)`,
      });
  }

  const uniqueOrigins = [
    ...new Map(origins.map((o) => [`${o.cidr} ${o.via} ${o.term}`, o])).values(),
  ];
  const uniqueHostnames = [...new Map(hostnames.map((h) => [h.suffix, h])).values()];
  return {
    roots: [...roots],
    ranges: mergeRanges(uniqueOrigins.map((o) => o.cidr)),
    origins: uniqueOrigins,
    hostnames: uniqueHostnames,
    visits,
    issues,
    lookups: asked.size,
    cached,
    rfcLookups,
    complete: !issues.some((i) => INCOMPLETE.has(i.kind)),
  };
}
