// The SMTP-time checks: HELO, reverse DNS, SPF, early talkers — each with its action and a
// dry-run toggle — and the parts of the policy this version stores but does not enforce yet.

import { Card } from '../servers/Card';
import { CheckActionField } from './CheckActionField';
import type { FormProps } from './form-types';
import { CheckboxField, NumberField, SelectField } from './NumberField';
import { OurNamesField } from './OurNamesField';
import { GREET_WORDS, RDNS_WORDS } from './policy-words';

export function ChecksForm({ form }: { form: FormProps }) {
  const et = form.draft.earlyTalker;
  return (
    <div className="policy-forms">
      <Card title="HELO / EHLO name">
        <div className="check-grid">
          <CheckActionField
            form={form}
            path={['helo', 'invalid']}
            label="Invalid HELO"
            hint="Not a host name or an address literal (RFC 5321)."
          />
          <CheckActionField
            form={form}
            path={['helo', 'nonFqdn']}
            label="Not a fully qualified name"
            hint="“localhost”, “PC42”: no dot, no domain."
          />
          <CheckActionField
            form={form}
            path={['helo', 'claimsToBeUs']}
            label="Claims to be us"
            hint="Greets with one of our own names or addresses."
          />
        </div>
        <OurNamesField form={form} />
      </Card>
      <Card title="Reverse DNS">
        <div className="check-grid">
          <SelectField
            form={form}
            path={['rdns', 'require']}
            label="Require"
            options={RDNS_WORDS}
          />
          <CheckActionField
            form={form}
            path={['rdns', 'action']}
            label="When it is missing"
            hint="A defer lets a misconfigured but real server retry once its DNS is fixed."
          />
        </div>
      </Card>
      <Card title="SPF of the envelope sender">
        <div className="check-grid">
          <CheckActionField
            form={form}
            path={['spf', 'fail']}
            label="SPF fail (-all)"
            hint="The domain says this client may not send for it."
          />
          <CheckActionField
            form={form}
            path={['spf', 'softfail']}
            label="SPF softfail (~all)"
            hint="The domain says “probably not”."
          />
        </div>
      </Card>
      <Card title="Early talkers (postscreen pregreet)">
        <div className="check-grid">
          <CheckboxField
            form={form}
            path={['earlyTalker', 'enabled']}
            label="Test for clients that talk before the greeting"
            hint="Spam bots often do; real mail servers wait."
          />
          <NumberField
            form={form}
            path={['earlyTalker', 'greetWaitSeconds']}
            label="Wait"
            unit="seconds"
            hint="postscreen_greet_wait."
            disabled={!et.enabled}
          />
          <SelectField
            form={form}
            path={['earlyTalker', 'action']}
            label="Then"
            options={GREET_WORDS}
            disabled={!et.enabled}
          />
        </div>
      </Card>
      <NotEnforced form={form} />
    </div>
  );
}

function NotEnforced({ form }: { form: FormProps }) {
  return (
    <Card
      title={
        <>
          Quotas and reoffenders{' '}
          <span className="badge badge--not-enforced">not enforced by this version</span>
        </>
      }
      className="card--not-enforced"
    >
      <p className="pfield__hint">
        Stored with the policy so it is ready, but no server acts on these yet: mxwarden’s own
        policy service will enforce them in a later version.
      </p>
      <div className="check-grid">
        <CheckboxField form={form} path={['quotas', 'enabled']} label="Limit messages per client" />
        <NumberField
          form={form}
          path={['quotas', 'messagesPerClientPerHour']}
          label="Messages per client per hour"
          optional
          disabled={!form.draft.quotas.enabled}
        />
      </div>
      <div className="check-grid">
        <CheckboxField
          form={form}
          path={['reoffenders', 'enabled']}
          label="Ban clients rejected again and again"
        />
        <NumberField
          form={form}
          path={['reoffenders', 'rejectionsBeforeBan']}
          label="Rejections before a ban"
          disabled={!form.draft.reoffenders.enabled}
        />
        <NumberField
          form={form}
          path={['reoffenders', 'banDays']}
          label="Ban for"
          unit="days"
          disabled={!form.draft.reoffenders.enabled}
        />
      </div>
    </Card>
  );
}
