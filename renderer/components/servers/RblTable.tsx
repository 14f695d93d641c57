// The DNS lists the server consults: zone, which answers count, their weight, and where.
// A negative postscreen weight lowers the score: that list is an allowlist.

import type { DnsblSiteInfo } from '../../../core/app/api';
import { Card } from './Card';

const isAllowlist = (r: DnsblSiteInfo) =>
  r.weight < 0 || (r.restriction?.startsWith('permit_') ?? false);

function Weight({ rbl }: { rbl: DnsblSiteInfo }) {
  const sign = rbl.weight > 0 ? '+' : rbl.weight < 0 ? '−' : '';
  return (
    <span className="rbl-weight">
      <span className="num">{`${sign}${Math.abs(rbl.weight)}`}</span>
      {isAllowlist(rbl) && <span className="badge badge--allow">allowlist</span>}
    </span>
  );
}

export function RblTable({ rbls }: { rbls: DnsblSiteInfo[] }) {
  return (
    <Card title={`DNS lists (${rbls.length})`} testId="rbl-card">
      {rbls.length === 0 ? (
        <p className="muted">
          No DNSBL or DNSWL is consulted (postscreen_dnsbl_sites and the smtpd restrictions name
          none).
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="DNS lists">
            <thead>
              <tr>
                <th scope="col">Zone</th>
                <th scope="col">Answers that count</th>
                <th scope="col">Weight</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody>
              {rbls.map((r, i) => (
                <tr key={`${i}:${r.zone}:${r.filter ?? ''}`} data-testid="rbl-row">
                  <td>
                    <code>{r.zone}</code>
                  </td>
                  <td>{r.filter ? <code>{r.filter}</code> : <span className="muted">any</span>}</td>
                  <td>
                    <Weight rbl={r} />
                  </td>
                  <td>
                    {r.source}
                    {r.restriction && (
                      <>
                        {' · '}
                        <code>{r.restriction}</code>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
