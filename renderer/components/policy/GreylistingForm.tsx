// Greylisting as postgrey does it: the delay, the retry window, how long triplets are kept,
// per host or per network, auto-whitelisting, which clients, how senders are normalised. The
// exceptions are lists, edited on the Lists tab (linked here with their sizes).

import { LISTS, type ListDef } from './list-kinds';
import { Card } from '../servers/Card';
import type { FormProps } from './form-types';
import { CheckboxField, NumberField, SelectField } from './NumberField';
import { fieldId, fieldIssue } from './policy-issues';
import { getAt } from './policy-path';
import { APPLY_TO_WORDS, plural } from './policy-words';

const G = 'greylisting';

export function GreylistingForm({
  form,
  onOpenList,
}: {
  form: FormProps;
  onOpenList: (def: ListDef) => void;
}) {
  const g = form.draft.greylisting;
  const off = !g.enabled;
  const exceptions = LISTS.filter((l) => l.path[0] === G);
  return (
    <div className="policy-forms">
      <Card title="Greylisting">
        <div className="form-row">
          <CheckboxField
            form={form}
            path={[G, 'enabled']}
            label="Greylist unknown senders"
            hint="The first attempt of an unknown (client, sender, recipient) triplet is deferred; real mail servers retry."
          />
          <CheckboxField
            form={form}
            path={[G, 'dryRun']}
            label="Dry-run"
            hint="Log what would be greylisted, defer nothing."
            disabled={off}
          />
        </div>
        <div className="form-grid-3">
          <NumberField
            form={form}
            path={[G, 'delaySeconds']}
            label="Delay"
            unit="seconds"
            hint="postgrey --delay (default 300)."
            disabled={off}
          />
          <NumberField
            form={form}
            path={[G, 'retryWindowHours']}
            label="Retry window"
            unit="hours"
            hint="A retry later than this starts over (--retry-window)."
            disabled={off}
          />
          <NumberField
            form={form}
            path={[G, 'maxAgeDays']}
            label="Forget after"
            unit="days"
            hint="Triplets unseen this long are forgotten (--max-age)."
            disabled={off}
          />
        </div>
      </Card>
      <Card title="Who counts as the same client">
        <fieldset className="pfield pfield--group" id={fieldId([G, 'perHost'])} tabIndex={-1}>
          <legend>Greylist by</legend>
          <div className="segmented">
            {(
              [
                [false, 'Network (a pool of senders retries from any address)'],
                [true, 'Host address'],
              ] as const
            ).map(([perHost, label]) => (
              <label key={String(perHost)} className="segmented__option">
                <input
                  type="radio"
                  name="greylist-per-host"
                  checked={g.perHost === perHost}
                  disabled={off}
                  onChange={() => form.setField([G, 'perHost'], perHost)}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
          {fieldIssue(form.issues, [G, 'perHost']) && (
            <p className="pfield__error">{fieldIssue(form.issues, [G, 'perHost'])}</p>
          )}
        </fieldset>
        <div className="form-grid-3">
          <NumberField
            form={form}
            path={[G, 'ipv4Prefix']}
            label="IPv4 network"
            unit="bits (/24)"
            disabled={off || g.perHost}
          />
          <NumberField
            form={form}
            path={[G, 'ipv6Prefix']}
            label="IPv6 network"
            unit="bits (/64)"
            disabled={off || g.perHost}
          />
          <NumberField
            form={form}
            path={[G, 'autoWhitelistAfter']}
            label="Auto-whitelist a client after"
            unit="passes"
            hint="0 = never (--auto-whitelist-clients)."
            disabled={off}
          />
        </div>
        <SelectField
          form={form}
          path={[G, 'applyTo']}
          label="Greylist"
          options={APPLY_TO_WORDS}
          hint="Only some clients: the others are not delayed at all."
          disabled={off}
        />
      </Card>
      <Card title="Sender normalisation">
        <p className="pfield__hint">
          Mailing lists and bounce tagging change the sender on every attempt; normalised, the retry
          matches the first attempt.
        </p>
        <CheckboxField
          form={form}
          path={[G, 'normalizeSender', 'batv']}
          label="Strip BATV tags (prvs=…=user@)"
          disabled={off}
        />
        <CheckboxField
          form={form}
          path={[G, 'normalizeSender', 'plusExtension']}
          label="Strip +extensions (user+tag@ → user@)"
          disabled={off}
        />
        <CheckboxField
          form={form}
          path={[G, 'normalizeSender', 'verpDigits']}
          label="Collapse VERP digits (bounce-1234@ → bounce-#@)"
          disabled={off}
        />
      </Card>
      <Card title="Exceptions">
        <ul className="plain-list exception-links">
          {exceptions.map((l) => {
            const n = ((getAt(form.draft, l.path) as unknown[] | undefined) ?? []).length;
            return (
              <li key={l.id}>
                <button type="button" className="link-button" onClick={() => onOpenList(l)}>
                  {l.title}
                </button>{' '}
                <span className="muted">
                  — {plural(n, 'entry', 'entries')}. {l.effect}
                </span>
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}
