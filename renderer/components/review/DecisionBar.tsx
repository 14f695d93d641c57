// After a review decision: what it saved, the offer to push it — to the servers that refused the
// sender, or to all through the push dialog — and its undo. The push offer takes the focus, so
// Enter pushes straight after a whitelist.

import { useEffect, useRef } from 'react';
import type { ReviewChange } from '../../../core/app/api';
import { usePushLauncher } from '../push/push-launcher';
import { useQuery } from '../../state/api-context';

export function DecisionBar({
  change,
  onUndo,
  onClose,
}: {
  change: ReviewChange & { undone?: boolean };
  onUndo: () => void;
  onClose: () => void;
}) {
  const openPush = usePushLauncher();
  const { data: servers } = useQuery('servers.list', []);
  const first = useRef<HTMLButtonElement>(null);
  const names = change.pushServerIds
    .map((id) => servers?.find((s) => s.id === id)?.name ?? `server ${id}`)
    .join(', ');
  const needsPush = change.versionId !== undefined;

  useEffect(() => first.current?.focus(), [change]);

  return (
    <div className="callout review-bar" role="status" data-testid="review-bar">
      <span>
        {change.message}
        {change.versionId !== undefined ? ` — saved as policy version ${change.versionId}.` : '.'}
        {needsPush ? ' Push it to apply it.' : ''}
      </span>
      <span className="button-row">
        {needsPush && change.pushServerIds.length > 0 && (
          <button
            ref={first}
            type="button"
            className="button button--primary"
            onClick={() => openPush({ serverIds: change.pushServerIds })}
            data-testid="review-push-now"
          >
            Push now to {names}…
          </button>
        )}
        {needsPush && (
          <button
            ref={change.pushServerIds.length ? undefined : first}
            type="button"
            className="button"
            onClick={() => openPush({ all: true })}
          >
            Push to all servers…
          </button>
        )}
        {!change.undone && (
          <button
            ref={needsPush ? undefined : first}
            type="button"
            className="button"
            onClick={onUndo}
            data-testid="review-undo"
          >
            Undo
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={onClose}
          aria-label="Dismiss this message"
        >
          ×
        </button>
      </span>
    </div>
  );
}
