// One server's current step ("connecting", "Postfix configuration") while a test or an
// inspection runs, announced politely to screen readers.

import type { ServerProgress } from '../../../core/app/api';
import { Icon } from '../Icon';
import { Spinner } from './Spinner';

const VERB = { test: 'Testing', inspect: 'Inspecting' } as const;

export function ProgressLine({ progress }: { progress: ServerProgress }) {
  const { state, operation, step, message } = progress;
  return (
    <span
      className={`progress-line progress-line--${state}`}
      role="status"
      aria-live="polite"
      title={message}
      data-testid="server-progress"
    >
      {(state === 'running' || state === 'queued') && <Spinner />}
      {state === 'done' && <Icon name="ok" size={14} />}
      {state === 'failed' && <Icon name="alert" size={14} />}
      <span>
        {state === 'queued' && 'Waiting for a free slot…'}
        {state === 'running' && `${VERB[operation]}: ${step}…`}
        {state === 'done' && (operation === 'test' ? 'Connected' : 'Inspected')}
        {state === 'failed' && `${operation === 'test' ? 'Test' : 'Inspection'} failed`}
      </span>
    </span>
  );
}
