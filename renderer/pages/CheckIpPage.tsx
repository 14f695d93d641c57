// Check IP: what would the servers do with this client, and why. The form asks; the DNS lists,
// rDNS and SPF stream in as they answer; the report (verdict first) replaces them. The question
// is kept in the address (#/check?target=…&from=…), so another page can link to a check and a
// reload repeats it.

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CheckEmpty } from '../components/check/CheckEmpty';
import { CheckError } from '../components/check/CheckError';
import {
  inputToParams,
  paramsToValues,
  targetProblem,
  toInput,
  toValues,
  type CheckFormValues,
} from '../components/check/check-form-values';
import { CheckForm } from '../components/check/CheckForm';
import { CheckHistory } from '../components/check/CheckHistory';
import { CheckResults } from '../components/check/CheckResults';
import { isRunning, type CheckInput, type CheckRun } from '../components/check/check-run';
import { VERDICT_WORD } from '../components/check/check-words';
import { reportText } from '../components/check/report-text';
import { remember, useCheckHistory } from '../components/check/use-check-history';
import { useCheckRun } from '../components/check/use-check-run';
import { PageHeader } from '../components/PageHeader';
import { CopyButton } from '../components/servers/CopyButton';

/** One sentence for screen readers when a run starts and ends (the panels change silently). */
function announcement(run: CheckRun | undefined): string {
  if (!run || run.error) return '';
  if (!run.report) return `Checking ${run.input.target}…`;
  return `${VERDICT_WORD[run.report.verdict.action]}: ${run.report.verdict.summary}`;
}

export function CheckIpPage() {
  const { run, start } = useCheckRun();
  const history = useCheckHistory();
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState<CheckFormValues>(() => paramsToValues(params));

  const check = async (input: CheckInput) => {
    setParams(inputToParams(input), { replace: true });
    const res = await start(input);
    remember({
      input,
      at: Date.now(),
      ...(res.ok ? { action: res.value.verdict.action, profile: res.value.verdict.profile } : {}),
    });
  };

  // A link to #/check?target=… runs that check on arrival, once.
  const arrived = useRef(false);
  const runLinked = useEffectEvent(() => {
    const linked = paramsToValues(params);
    if (linked.target && !targetProblem(linked.target)) void check(toInput(linked));
  });
  useEffect(() => {
    if (arrived.current) return;
    arrived.current = true;
    runLinked();
  }, []);

  return (
    <>
      <PageHeader
        title="Check IP"
        description="What would your servers do with this client, and why."
        actions={run?.report && <CopyButton text={reportText(run.report)} label="Copy as text" />}
      />
      <div className="check-top">
        <CheckForm
          values={values}
          onChange={setValues}
          onRun={(v) => void check(toInput(v))}
          busy={!!run && isRunning(run)}
        />
        <CheckHistory
          items={history}
          onRun={(item) => {
            setValues(toValues(item.input));
            void check(item.input);
          }}
        />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement(run)}
      </p>
      {run?.error && <CheckError target={run.input.target} error={run.error} />}
      {!run && <CheckEmpty />}
      {run && !run.error && <CheckResults key={run.runId} run={run} />}
    </>
  );
}
