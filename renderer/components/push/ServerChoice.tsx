// Which servers a push goes to: some by name, those with a tag, or all — as the CLI offers.

import { useId } from 'react';
import { useQuery } from '../../state/api-context';

export type Selection =
  { kind: 'servers'; ids: number[] } | { kind: 'tag'; tag: string } | { kind: 'all' };

export function ServerChoice({
  value,
  onChange,
}: {
  value: Selection;
  onChange: (s: Selection) => void;
}) {
  const id = useId();
  const { data: servers } = useQuery('servers.list', []);
  const tags = [...new Set((servers ?? []).flatMap((s) => s.tags))].sort();
  const ids = value.kind === 'servers' ? value.ids : [];
  return (
    <fieldset className="field push-choice" data-testid="push-choice">
      <legend>Servers</legend>
      <div className="push-choice__ways" role="radiogroup" aria-label="Choose servers by">
        <label>
          <input
            type="radio"
            name={`${id}-way`}
            checked={value.kind === 'all'}
            onChange={() => onChange({ kind: 'all' })}
          />{' '}
          All servers ({servers?.length ?? '…'})
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-way`}
            checked={value.kind === 'tag'}
            disabled={!tags.length}
            onChange={() => onChange({ kind: 'tag', tag: tags[0] ?? '' })}
          />{' '}
          Tagged{' '}
          <select
            aria-label="Tag"
            value={value.kind === 'tag' ? value.tag : ''}
            disabled={value.kind !== 'tag'}
            onChange={(e) => onChange({ kind: 'tag', tag: e.target.value })}
          >
            {value.kind !== 'tag' && <option value="">—</option>}
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-way`}
            checked={value.kind === 'servers'}
            onChange={() =>
              onChange({
                kind: 'servers',
                ids: ids.length ? ids : (servers ?? []).map((s) => s.id),
              })
            }
          />{' '}
          These:
        </label>
      </div>
      {value.kind === 'servers' && (
        <ul className="push-choice__list">
          {(servers ?? []).map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="checkbox"
                  checked={ids.includes(s.id)}
                  onChange={(e) =>
                    onChange({
                      kind: 'servers',
                      ids: e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id),
                    })
                  }
                />{' '}
                {s.name}
                {s.tags.length > 0 && <span className="muted"> ({s.tags.join(', ')})</span>}
                {!s.inspection && <span className="muted"> — not inspected yet</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
