// master.cf services that accept SMTP: smtpd directly, or postscreen in front of it.

import type { ListenerInfo } from '../../../core/app/api';
import { Card } from './Card';
import { ChipList } from './ChipList';

export function ListenersCard({ listeners }: { listeners: ListenerInfo[] }) {
  return (
    <Card title="Listeners">
      {listeners.length === 0 ? (
        <p className="muted">No smtpd or postscreen service found in master.cf.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="SMTP listeners">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Program</th>
                <th scope="col">Overrides (-o)</th>
              </tr>
            </thead>
            <tbody>
              {listeners.map((l, i) => (
                <tr key={`${i}:${l.service}`}>
                  <td>
                    <code>{l.service}</code>
                  </td>
                  <td>
                    <span className={`badge ${l.kind === 'postscreen' ? 'badge--on' : ''}`}>
                      {l.kind}
                    </span>
                  </td>
                  <td>
                    <ChipList
                      items={Object.entries(l.overrides).map(([k, v]) => `${k}=${v}`)}
                      empty="—"
                    />
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
