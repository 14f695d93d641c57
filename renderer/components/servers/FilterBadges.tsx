// What filtering a server runs, from its last inspection: postscreen, postgrey, RBL count.

import type { ServerSummary } from '../../../core/app/api';

export function FilterBadges({ inspection }: { inspection: ServerSummary['inspection'] }) {
  if (!inspection) return <span className="muted">—</span>;
  return (
    <span className="badges">
      <span className={`badge ${inspection.postscreen ? 'badge--on' : 'badge--off'}`}>
        postscreen {inspection.postscreen ? 'on' : 'off'}
      </span>
      <span className={`badge ${inspection.postgrey ? 'badge--on' : 'badge--off'}`}>
        postgrey {inspection.postgrey ? 'on' : 'off'}
      </span>
      {inspection.rblCount > 0 && (
        <span className="badge">
          {inspection.rblCount} {inspection.rblCount === 1 ? 'RBL' : 'RBLs'}
        </span>
      )}
    </span>
  );
}
