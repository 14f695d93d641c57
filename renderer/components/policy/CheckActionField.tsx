// What a check does when it fires — off, reject, defer, greylist, or add to the DNSBL score —
// and whether it only logs (dry-run, Postfix's warn_if_reject).

import { CHECK_ACTIONS, type CheckAction } from '../../../core/policy/schema';
import type { FormProps } from './form-types';
import { NumberInput } from './NumberInput';
import { PolicyField } from './PolicyField';
import { fieldId, fieldIssue } from './policy-issues';
import { getAt } from './policy-path';
import { ACTION_WORDS } from './policy-words';

export function CheckActionField({
  form,
  path,
  label,
  hint,
}: {
  form: FormProps;
  path: string[];
  label: string;
  hint?: string;
}) {
  const a = (getAt(form.draft, path) as CheckAction | undefined) ?? {
    action: 'off',
    dryRun: false,
  };
  const set = (next: CheckAction) => form.setField(path, next);
  const scoreError = fieldIssue(form.issues, [...path, 'score']);
  return (
    <div className="check-action" data-testid={`check-${path.join('.')}`}>
      <PolicyField
        path={[...path, 'action']}
        label={label}
        hint={hint}
        error={fieldIssue(form.issues, path)}
      >
        {(control) => (
          <select
            {...control}
            value={a.action}
            onChange={(e) => {
              const action = e.target.value as CheckAction['action'];
              const { score: _score, ...rest } = a;
              set(
                action === 'score' ? { ...rest, action, score: a.score ?? 1 } : { ...rest, action },
              );
            }}
          >
            {CHECK_ACTIONS.map((x) => (
              <option key={x} value={x}>
                {ACTION_WORDS[x]}
              </option>
            ))}
          </select>
        )}
      </PolicyField>
      {a.action === 'score' && (
        <div className={`pfield ${scoreError ? 'pfield--invalid' : ''}`}>
          <label htmlFor={fieldId([...path, 'score'])}>Score</label>
          <NumberInput
            id={fieldId([...path, 'score'])}
            value={a.score}
            optional
            aria-invalid={!!scoreError}
            onValue={(v) => {
              const { score: _score, ...rest } = a;
              set(v === undefined ? rest : { ...rest, score: v });
            }}
          />
          {scoreError && <p className="pfield__error">{scoreError}</p>}
        </div>
      )}
      <label className="checkbox check-action__dry">
        <input
          type="checkbox"
          id={fieldId([...path, 'dryRun'])}
          checked={a.dryRun}
          disabled={a.action === 'off'}
          onChange={(e) => set({ ...a, dryRun: e.target.checked })}
        />
        <span>Dry-run (log only)</span>
      </label>
    </div>
  );
}
