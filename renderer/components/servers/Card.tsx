// A titled panel of the server page; its heading names it for screen readers.

import { useId, type ReactNode } from 'react';

export function Card({
  title,
  actions,
  className,
  testId,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={id} data-testid={testId}>
      <header className="card__header">
        <h2 id={id}>{title}</h2>
        {actions && <div className="card__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
