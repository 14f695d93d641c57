// postscreen's scoring and greeting settings.

import type { ServerInspection } from '../../../core/app/api';
import { Card } from './Card';

const shown = (v: string | number | undefined) =>
  v === undefined || v === '' ? <span className="muted">default</span> : <code>{v}</code>;

export function PostscreenCard({ postscreen: p }: { postscreen: ServerInspection['postscreen'] }) {
  return (
    <Card title="postscreen" testId="postscreen-card">
      {!p.enabled ? (
        <p className="muted">
          Not enabled: smtpd answers clients directly, so DNSBL scores and the pregreet test do not
          apply.
        </p>
      ) : (
        <dl className="facts facts--plain">
          <dt>DNSBL threshold</dt>
          <dd data-testid="dnsbl-threshold">{shown(p.dnsblThreshold)}</dd>
          <dt>Allowlist threshold</dt>
          <dd>{shown(p.dnsblAllowlistThreshold)}</dd>
          <dt>DNSBL action</dt>
          <dd>{shown(p.dnsblAction)}</dd>
          <dt>Greet wait</dt>
          <dd>{shown(p.greetWait)}</dd>
          <dt>Greet action</dt>
          <dd>{shown(p.greetAction)}</dd>
          <dt>Access list</dt>
          <dd>{shown(p.accessList)}</dd>
        </dl>
      )}
    </Card>
  );
}
