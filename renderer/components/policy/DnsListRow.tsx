// One DNS list of the policy, edited in place: zone, which answers count, weight, IPv6, enabled,
// dry-run, note. Each field shows its own problem from the schema.

import type { DnsList } from '../../../core/policy/schema';
import { fieldId, fieldIssue, type PolicyIssue } from './policy-issues';
import { WeightInput } from './WeightInput';

function Problem({ text }: { text: string | undefined }) {
  return text ? <span className="row-issue">{text}</span> : null;
}

export function DnsListRow({
  index,
  list,
  issues,
  onChange,
  onRemove,
}: {
  index: number;
  list: DnsList;
  issues: PolicyIssue[];
  onChange: (list: DnsList) => void;
  onRemove: () => void;
}) {
  const path = (f: string) => ['dnsbl', 'lists', index, f];
  const err = (f: string) => fieldIssue(issues, path(f));
  const label = list.zone || `list ${index + 1}`;
  const setOptional = (key: 'filter' | 'note', v: string) => {
    const { [key]: _old, ...rest } = list;
    onChange(v === '' ? rest : { ...rest, [key]: v });
  };
  return (
    <tr className={list.enabled ? undefined : 'is-disabled'} data-testid="dnsbl-row">
      <td>
        <input
          type="checkbox"
          id={fieldId(path('enabled'))}
          aria-label={`${label} enabled`}
          checked={list.enabled}
          onChange={(e) => onChange({ ...list, enabled: e.target.checked })}
        />
      </td>
      <td>
        <input
          id={fieldId(path('zone'))}
          className="cell-input cell-input--value"
          value={list.zone}
          aria-label={`Zone of list ${index + 1}`}
          aria-invalid={!!err('zone')}
          spellCheck={false}
          placeholder="zen.spamhaus.org"
          onChange={(e) => onChange({ ...list, zone: e.target.value.trim() })}
        />
        <Problem text={err('zone')} />
      </td>
      <td>
        <input
          id={fieldId(path('filter'))}
          className="cell-input"
          value={list.filter ?? ''}
          aria-label={`Answers that count for ${label}`}
          aria-invalid={!!err('filter')}
          spellCheck={false}
          placeholder="any 127.0.0.0/8"
          onChange={(e) => setOptional('filter', e.target.value.trim())}
        />
        <Problem text={err('filter')} />
      </td>
      <td>
        <WeightInput
          id={fieldId(path('weight'))}
          value={list.weight}
          zone={label}
          invalid={!!err('weight')}
          onValue={(weight) => onChange({ ...list, weight })}
        />
        <Problem text={err('weight')} />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${label} publishes IPv6 data`}
          checked={list.ipv6}
          onChange={(e) => onChange({ ...list, ipv6: e.target.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${label} in dry-run`}
          checked={list.dryRun}
          onChange={(e) => onChange({ ...list, dryRun: e.target.checked })}
        />
      </td>
      <td>
        <input
          className="cell-input"
          value={list.note ?? ''}
          aria-label={`Note on ${label}`}
          maxLength={500}
          onChange={(e) => setOptional('note', e.target.value)}
        />
      </td>
      <td>
        <button
          type="button"
          className="button button--small button--danger-outline"
          aria-label={`Remove ${label}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
