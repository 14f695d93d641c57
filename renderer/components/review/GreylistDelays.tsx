// Greylisting delays: wanted mail that waited (one-time codes and password resets arrive late or
// never), per provider or sender organisation — how many messages, how long they waited — and
// the suggestion to except that provider or sender, which opens the whitelist dialog with
// "skip greylisting".

import type { GreylistDelayRow } from '../../../core/app/api';
import { DataTable } from '../DataTable';
import { EmptyState } from '../EmptyState';
import { formatCount } from '../../lib/format';
import { seconds } from './review-text';

export function GreylistDelays({
  rows,
  onExcept,
}: {
  rows: GreylistDelayRow[];
  onExcept: (row: GreylistDelayRow) => void;
}) {
  if (!rows.length)
    return (
      <EmptyState
        icon="review"
        title="No greylisted mail waited in this range"
        steps={[
          'Mail greylisting delayed and that retried shows here, per provider or sender.',
          'Choose a longer range, or a server with postgrey.',
        ]}
      >
        <p>Greylisting delays a sender's first attempt; wanted mail retries and arrives late.</p>
      </EmptyState>
    );
  return (
    <DataTable
      label="Mail greylisting delayed, longest total wait first"
      data={rows}
      getRowId={(r) => r.key}
      onActivate={onExcept}
      columns={[
        {
          id: 'sender',
          header: 'Sender',
          accessorFn: (r) => r.label,
          cell: (c) => (
            <span className="stack">
              <span className="server-name">{c.row.original.label}</span>
              <span className="muted">{c.row.original.recipients.join(', ')}</span>
            </span>
          ),
        },
        {
          id: 'delayed',
          header: 'Delayed',
          accessorFn: (r) => r.triplets,
          cell: (c) => formatCount(c.row.original.triplets),
        },
        { id: 'never', header: 'Never retried', accessorFn: (r) => r.neverPassed },
        {
          id: 'median',
          header: 'Median wait',
          accessorFn: (r) => r.medianDelaySeconds,
          cell: (c) => seconds(c.row.original.medianDelaySeconds),
        },
        {
          id: 'max',
          header: 'Longest',
          accessorFn: (r) => r.maxDelaySeconds,
          cell: (c) => seconds(c.row.original.maxDelaySeconds),
        },
        {
          id: 'suggestion',
          header: 'Suggestion (Enter)',
          enableSorting: false,
          cell: (c) => (
            <button
              type="button"
              className="button"
              tabIndex={-1}
              onClick={() => onExcept(c.row.original)}
            >
              {c.row.original.suggestion.words}
            </button>
          ),
        },
      ]}
    />
  );
}
