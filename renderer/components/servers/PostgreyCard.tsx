// Greylisting: is postgrey there and running, how, and how Postfix calls it; plus the other
// policy services Postfix consults.

import type { ServerInspection } from '../../../core/app/api';
import { Card } from './Card';
import { ChipList } from './ChipList';

export function PostgreyCard({
  postgrey: g,
  policyServices,
}: {
  postgrey: ServerInspection['postgrey'];
  policyServices: string[];
}) {
  return (
    <Card title="Greylisting and policy services" testId="postgrey-card">
      <dl className="facts facts--plain">
        <dt>postgrey</dt>
        <dd>
          <span className={`badge ${g.installed ? 'badge--on' : 'badge--off'}`}>
            {g.installed ? 'installed' : 'not installed'}
          </span>{' '}
          <span className={`badge ${g.running ? 'badge--on' : 'badge--off'}`}>
            {g.running ? 'running' : 'not running'}
          </span>
        </dd>
        <dt>Options</dt>
        <dd>
          <ChipList items={g.options} empty={g.running ? 'defaults' : '—'} />
        </dd>
        <dt>Called by Postfix as</dt>
        <dd>
          {g.policyService ? (
            <code>{g.policyService}</code>
          ) : (
            <span className="muted">not called from any restriction list</span>
          )}
        </dd>
        <dt>Policy services</dt>
        <dd>
          <ChipList items={policyServices} empty="none" />
        </dd>
      </dl>
    </Card>
  );
}
