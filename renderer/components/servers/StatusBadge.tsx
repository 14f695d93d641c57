// A server's reachability: a coloured dot and words, with the full message as a tooltip.

import type { ServerStatus } from '../../../core/app/api';
import { statusTone, statusWords } from './server-text';

export function StatusBadge({ status }: { status: ServerStatus | undefined }) {
  return (
    <span
      className={`server-status server-status--${statusTone(status)}`}
      title={status?.message}
      data-testid="server-status"
    >
      <span className="server-status__dot" aria-hidden="true" />
      <span>{statusWords(status)}</span>
    </span>
  );
}
