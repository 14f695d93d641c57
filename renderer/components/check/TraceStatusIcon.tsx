// A check's status as a small shape as well as a colour (colour alone fails the colour-blind):
// hit ●, miss ○, skipped –, timeout ◷, error ✕, not enforced ⚠.

import type { CheckTrace } from '../../../core/app/api';
import { STATUS_WORD } from './check-words';

const PATHS: Record<CheckTrace['status'], string> = {
  hit: 'M12 6a6 6 0 1 0 0 12 6 6 0 0 0 0-12z',
  miss: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  skipped: 'M7 12h10',
  timeout: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M12 8v4l3 2',
  error: 'M7 7l10 10 M17 7L7 17',
  'not-enforced': 'M12 3l10 18H2z M12 10v4 M12 17h.01',
};

export function TraceStatusIcon({ status }: { status: CheckTrace['status'] }) {
  return (
    <svg
      className={`trace-icon trace-icon--${status}`}
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill={status === 'hit' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      role="img"
      aria-label={STATUS_WORD[status]}
    >
      <path d={PATHS[status]} />
    </svg>
  );
}
