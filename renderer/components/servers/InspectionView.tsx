// The last inspection of a server, read-only: what it runs and how it filters today.

import type { ServerInspection } from '../../../core/app/api';
import { Icon } from '../Icon';
import { InspectionOverview } from './InspectionOverview';
import { ListenersCard } from './ListenersCard';
import { ParametersCard } from './ParametersCard';
import { PostgreyCard } from './PostgreyCard';
import { PostscreenCard } from './PostscreenCard';
import { PrivilegesCard } from './PrivilegesCard';
import { RblTable } from './RblTable';
import { RestrictionsCard } from './RestrictionsCard';

export function InspectionView({ inspection: i }: { inspection: ServerInspection }) {
  return (
    <div className="inspection" data-testid="inspection">
      {i.warnings.map((w, n) => (
        <p key={n} className="callout callout--warning warning-callout" role="note">
          <Icon name="alert" size={16} />
          <span>{w}</span>
        </p>
      ))}
      <div className="card-grid">
        <InspectionOverview inspection={i} />
        <PrivilegesCard privilege={i.privilege} />
      </div>
      <ListenersCard listeners={i.listeners} />
      <div className="card-grid">
        <PostscreenCard postscreen={i.postscreen} />
        <PostgreyCard postgrey={i.postgrey} policyServices={i.policyServices} />
      </div>
      <RblTable rbls={i.rbls} />
      <RestrictionsCard restrictions={i.restrictions} />
      <ParametersCard parameters={i.postfix.parameters} />
    </div>
  );
}
