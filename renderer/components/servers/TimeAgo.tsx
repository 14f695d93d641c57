// A moment shown both ways: "12 min ago" to scan, and the exact time in the user's time display.

import { formatTime } from '../../lib/format';
import { useSettings } from '../../state/settings-context';
import { relativeTime, useNow } from './use-now';

export function TimeAgo({ at, inline = false }: { at: number; inline?: boolean }) {
  const { settings } = useSettings();
  const now = useNow();
  const exact = formatTime(at, settings.timeDisplay);
  return (
    <span className={inline ? 'time-ago time-ago--inline' : 'time-ago'}>
      <time dateTime={new Date(at).toISOString()} title={exact}>
        {relativeTime(at, Math.max(now, at))}
      </time>
      <span className="time-ago__exact">{exact}</span>
    </span>
  );
}
