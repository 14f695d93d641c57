// A check the API refused or could not finish, in its own words (a name that does not resolve,
// text that is no address, DNS servers that do not answer), with where to fix it.

import { Link } from 'react-router';
import type { ApiError } from '../../../core/app/api';
import { Icon } from '../Icon';

export function CheckError({ target, error }: { target: string; error: ApiError }) {
  const dnsRelated = ['NOT_FOUND', 'TIMEOUT', 'UNAVAILABLE'].includes(error.code);
  return (
    <div className="callout callout--error check-error" role="alert" data-testid="check-error">
      <Icon name="alert" size={18} />
      <div>
        <strong>Could not check {target}</strong>
        <p className="check-error__message">{error.message}</p>
        {dnsRelated && (
          <p className="muted">
            The DNS servers used are in <Link to="/settings">Settings</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
