// main.cf settings that differ from Postfix's defaults (postconf -n), folded: long, but the
// first place an admin looks when something above is surprising.

import { Card } from './Card';

export function ParametersCard({ parameters }: { parameters: Record<string, string> }) {
  const entries = Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card title="main.cf (postconf -n)">
      <details>
        <summary>{entries.length} settings differ from the defaults</summary>
        <div className="table-wrap">
          <table className="data-table params-table" aria-label="Non-default main.cf settings">
            <tbody>
              {entries.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>
                    <code className="verbatim">{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
