// Which account mxwarden uses and what it may run. When sudo is missing, the exact sudoers line
// to add (with visudo) is given to copy.

import type { PrivilegeReport } from '../../../core/app/api';
import { Card } from './Card';
import { ChipList } from './ChipList';
import { CommandLine } from './CommandLine';

const MODE = {
  root: 'root: everything needed',
  sudo: 'sudo without password, for the Postfix tools',
  none: 'none: cannot run the Postfix tools',
} as const;

export function PrivilegesCard({ privilege: p }: { privilege: PrivilegeReport }) {
  return (
    <Card title="Privileges" testId="privileges-card">
      <dl className="facts facts--plain">
        <dt>Logs in as</dt>
        <dd className="verbatim">{p.user}</dd>
        <dt>Rights</dt>
        <dd className={p.mode === 'none' ? 'text-danger' : undefined}>{MODE[p.mode]}</dd>
        <dt>Allowed tools</dt>
        <dd>
          <ChipList items={p.allowed} tone="ok" empty="none" />
        </dd>
        <dt>Missing tools</dt>
        <dd>
          <ChipList items={p.missing} tone="danger" empty="none" />
        </dd>
      </dl>
      {p.sudoersLine && (
        <div className="sudoers">
          <p>
            To let <span className="verbatim">{p.user}</span> run the Postfix tools, add this line
            on the server with <code>visudo -f /etc/sudoers.d/mxwarden</code>:
          </p>
          <CommandLine text={p.sudoersLine} testId="sudoers-line" />
        </div>
      )}
    </Card>
  );
}
