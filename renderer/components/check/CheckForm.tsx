// The question: a client (IP or host name), optionally the HELO, sender and recipient it would
// use, and whose capabilities to judge by. "/" focuses the target from anywhere on the page and
// Enter runs, so checking one address after another never needs the mouse.

import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { parseDnsServers } from '../../../core/settings/schema';
import { Spinner } from '../servers/Spinner';
import { useSettings } from '../../state/settings-context';
import { targetProblem, type CheckFormValues } from './check-form-values';
import { ServerPicker } from './ServerPicker';

type TextKey = 'target' | 'helo' | 'sender' | 'recipient';

function moreSummary(v: CheckFormValues): string {
  const set = [
    v.helo && `HELO ${v.helo}`,
    v.sender && `from ${v.sender}`,
    v.recipient && `to ${v.recipient}`,
  ].filter(Boolean);
  return set.length ? `More: ${set.join(' · ')}` : 'More: HELO, sender, recipient';
}

export function CheckForm({
  values,
  onChange,
  onRun,
  busy,
}: {
  values: CheckFormValues;
  onChange: (values: CheckFormValues) => void;
  onRun: (values: CheckFormValues) => void;
  busy: boolean;
}) {
  const id = useId();
  const targetRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const [moreOpen, setMoreOpen] = useState(false);
  const { settings } = useSettings();
  const dns = parseDnsServers(settings.dnsServers);

  const text = (key: TextKey) => ({
    id: `${id}-${key}`,
    name: key,
    value: values[key],
    spellCheck: false,
    autoComplete: 'off',
    onChange: (e: { target: { value: string } }) => {
      onChange({ ...values, [key]: e.target.value });
      if (key === 'target') setProblem(undefined);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = targetProblem(values.target);
    setProblem(p);
    if (p) targetRef.current?.focus();
    else onRun(values);
  };

  return (
    <form className="check-form" onSubmit={submit} aria-label="Check a client" noValidate>
      <div className="check-form__row">
        <div className={`form-field check-form__target ${problem ? 'form-field--invalid' : ''}`}>
          <label htmlFor={`${id}-target`}>IP address or host name</label>
          <input
            {...text('target')}
            ref={targetRef}
            type="text"
            data-search
            placeholder="192.0.2.1, 2001:db8::1 or mail.example.com"
            aria-invalid={!!problem}
            aria-describedby={`${id}-target-hint${problem ? ` ${id}-target-error` : ''}`}
            aria-keyshortcuts="/"
          />
          <p id={`${id}-target-hint`} className="form-field__hint">
            A host name is resolved and its first address checked. <kbd>/</kbd> comes back here,{' '}
            <kbd>Enter</kbd> runs.
          </p>
          {problem && (
            <p id={`${id}-target-error`} className="form-field__error" role="alert">
              {problem}
            </p>
          )}
        </div>
        <div className="form-field check-form__server">
          <label htmlFor={`${id}-server`}>Judge as</label>
          <ServerPicker
            id={`${id}-server`}
            value={values.serverId}
            onChange={(serverId) => onChange({ ...values, serverId })}
            describedBy={`${id}-server-hint`}
          />
          <p id={`${id}-server-hint`} className="form-field__hint">
            A server&apos;s verdict follows what it can enforce (from its last inspection).
          </p>
        </div>
        <div className="check-form__run">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            {busy && <Spinner />}
            {busy ? 'Checking…' : 'Check'}
          </button>
        </div>
      </div>
      <details
        className="check-form__more"
        open={moreOpen}
        onToggle={(e) => setMoreOpen(e.currentTarget.open)}
      >
        <summary>{moreSummary(values)}</summary>
        <div className="check-form__more-fields">
          <div className="form-field">
            <label htmlFor={`${id}-helo`}>HELO / EHLO name</label>
            <input {...text('helo')} type="text" placeholder="mail.example.com" />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-sender`}>Sender (MAIL FROM)</label>
            <input
              {...text('sender')}
              type="text"
              placeholder="someone@example.com"
              aria-describedby={`${id}-sender-hint`}
            />
            <p id={`${id}-sender-hint`} className="form-field__hint">
              Enables the SPF check. <code>&lt;&gt;</code> is the null sender (bounces).
            </p>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-recipient`}>Recipient (RCPT TO)</label>
            <input
              {...text('recipient')}
              type="text"
              placeholder="postmaster@your.domain"
              aria-describedby={`${id}-recipient-hint`}
            />
            <p id={`${id}-recipient-hint`} className="form-field__hint">
              With a sender, greylisting is decided too.
            </p>
          </div>
        </div>
      </details>
      <p className="check-form__dns muted">
        DNS lookups through {dns.length ? <code>{dns.join(', ')}</code> : 'the system resolver'} ·{' '}
        <Link to="/settings">change in Settings</Link>
      </p>
    </form>
  );
}
