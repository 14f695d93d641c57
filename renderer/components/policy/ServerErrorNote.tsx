// An SSH or inspection error while importing or previewing a server, with where to fix it: the
// server's page tests the connection (asking for a passphrase or a host key confirmation, which
// these read-only calls cannot) and inspects it.

import { Link } from 'react-router';
import type { ApiError } from '../../../core/app/api';

const FIX: Partial<Record<ApiError['code'], string>> = {
  HOST_KEY_UNKNOWN: 'confirm its host key with “Test connection”',
  HOST_KEY_CHANGED: 'see why its host key changed',
  PASSPHRASE_REQUIRED: 'unlock its key with “Test connection” (the passphrase can be remembered)',
  AUTH_FAILED: 'check its user and key',
  UNREACHABLE: 'check its address and port',
  CONFLICT: 'inspect it',
};

export function ServerErrorNote({
  error,
  serverId,
  serverName,
}: {
  error: ApiError;
  serverId?: number;
  serverName?: string;
}) {
  const fix = FIX[error.code];
  return (
    <div className="callout callout--error" role="alert">
      <p className="verbatim">{error.message}</p>
      {fix && serverId !== undefined && (
        <p>
          On <Link to={`/servers/${serverId}`}>{serverName ?? 'the server'}’s page</Link>, {fix},
          then try again.
        </p>
      )}
    </div>
  );
}
