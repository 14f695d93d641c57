// What a page shows before it has data: what will appear here, and how to get there.

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export interface EmptyStateProps {
  icon: IconName;
  title: string;
  /** What will appear here once there is data. */
  children: ReactNode;
  /** How to get there: steps, in order. */
  steps?: ReactNode[];
  action?: ReactNode;
}

export function EmptyState({ icon, title, children, steps, action }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-state__icon">
        <Icon name={icon} size={32} />
      </div>
      <h2>{title}</h2>
      <div className="empty-state__text">{children}</div>
      {steps && steps.length > 0 && (
        <ol className="empty-state__steps">
          {steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      )}
      {action && <div className="empty-state__action">{action}</div>}
    </section>
  );
}
