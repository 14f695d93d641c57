// The answer first: the verdict, big and in its colour, the SMTP reply the client would read,
// the rule that decided and why, whose capabilities judged it, and which policy.

import type { CheckReport } from '../../../core/app/api';
import { Icon } from '../Icon';
import {
  policyWords,
  STAGE_LABEL,
  VERDICT_HINT,
  VERDICT_WORD,
  verdictHeadline,
} from './check-words';

export function VerdictPanel({ report }: { report: CheckReport }) {
  const v = report.verdict;
  const target = report.target.trim();
  return (
    <section
      className={`verdict verdict--${v.action}`}
      aria-label="Verdict"
      data-testid="verdict"
      data-action={v.action}
    >
      <div className="verdict__badge" aria-hidden="true">
        <Icon
          name={v.action === 'accept' ? 'ok' : v.action === 'reject' ? 'close' : 'refresh'}
          size={28}
        />
        <span className="verdict__word">{VERDICT_WORD[v.action]}</span>
      </div>
      <div className="verdict__body">
        <h2 className="verdict__headline" data-testid="verdict-headline">
          <span className="visually-hidden">{VERDICT_WORD[v.action]}: </span>
          {verdictHeadline(v)}
        </h2>
        <p className="verdict__summary" data-testid="verdict-summary">
          {v.summary}
          {VERDICT_HINT[v.action] && (
            <span className="verdict__hint muted"> {VERDICT_HINT[v.action]}</span>
          )}
        </p>
        <pre className="verdict__reply" data-testid="verdict-reply" aria-label="SMTP reply">
          {v.reply}
        </pre>
        <dl className="verdict__meta">
          <div>
            <dt>Client</dt>
            <dd>
              {target !== report.address && (
                <>
                  <code>{target}</code> →{' '}
                </>
              )}
              <code>{report.address}</code>
              {report.addresses.length > 1 && (
                <span className="muted"> (first of {report.addresses.length} addresses)</span>
              )}
            </dd>
          </div>
          {v.ruleLabel && (
            <div>
              <dt>Deciding rule</dt>
              <dd data-testid="verdict-rule">
                {v.ruleLabel}
                {v.stage && <span className="muted"> at {STAGE_LABEL[v.stage]}</span>}
              </dd>
            </div>
          )}
          <div>
            <dt>Judged as</dt>
            <dd data-testid="verdict-profile">{v.profile}</dd>
          </div>
          <div>
            <dt>Policy</dt>
            <dd data-testid="verdict-policy">{policyWords(report.policy)}</dd>
          </div>
          <div>
            <dt>Took</dt>
            <dd>
              {report.durationMs} ms
              <span className="muted">
                {' '}
                · DNS {report.dnsServers.length ? report.dnsServers.join(', ') : 'system resolver'}
              </span>
            </dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
