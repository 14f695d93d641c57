// Whose capabilities the verdict follows: the fleet policy as postscreen + postgrey, or one
// server as its last inspection found it (postscreen on or off, postgrey in use or not).

import type { ServerSummary } from '../../../core/app/api';
import { useQuery } from '../../state/api-context';

function capabilities(s: ServerSummary): string {
  const i = s.inspection;
  if (!i) return 'not inspected yet';
  return [
    i.postscreen ? 'postscreen' : 'no postscreen',
    i.postgrey ? 'postgrey' : 'no postgrey',
  ].join(' + ');
}

export function ServerPicker({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (serverId: string) => void;
  describedBy?: string;
}) {
  const { data: servers, error } = useQuery('servers.list', []);
  return (
    <select
      id={id}
      name="serverId"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
      title={error ? `Servers could not be loaded: ${error.message}` : undefined}
    >
      <option value="">Fleet policy (postscreen + postgrey)</option>
      {(servers ?? []).map((s) => (
        <option key={s.id} value={String(s.id)}>
          {s.name} — {capabilities(s)}
        </option>
      ))}
    </select>
  );
}
