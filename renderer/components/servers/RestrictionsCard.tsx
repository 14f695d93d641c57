// smtpd's restriction lists, each in the order Postfix evaluates it; the lists themselves in
// the order of the SMTP dialogue.

import type { RestrictionStep } from '../../../core/app/api';
import { Card } from './Card';
import { ChipList } from './ChipList';

const stepText = (s: RestrictionStep) => (s.arg ? `${s.name} ${s.arg}` : s.name);

// The inspection lists them in the order of the SMTP dialogue already.
export function RestrictionsCard({
  restrictions,
}: {
  restrictions: Record<string, RestrictionStep[]>;
}) {
  const sorted = Object.entries(restrictions);
  const lists = sorted.filter(([, items]) => items.length > 0);
  // Empty lists restrict nothing: named together in one line rather than one block each.
  const empty = sorted.filter(([, items]) => items.length === 0).map(([name]) => name);
  return (
    <Card title="Restriction lists" testId="restrictions-card">
      {lists.length === 0 ? (
        <p className="muted">Every smtpd restriction list is empty.</p>
      ) : (
        <dl className="restrictions">
          {lists.map(([name, items]) => (
            <div key={name} className="restrictions__row">
              <dt>
                <code>{name}</code>
              </dt>
              <dd>
                <ChipList items={items.map(stepText)} ordered label={name} empty="empty" />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {lists.length > 0 && empty.length > 0 && (
        <p className="muted restrictions__empty">
          Empty:{' '}
          {empty.map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <code>{name}</code>
            </span>
          ))}
        </p>
      )}
    </Card>
  );
}
