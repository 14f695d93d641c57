// What the server runs, where Postfix keeps its files, and where it logs.

import type { ServerInspection } from '../../../core/app/api';
import { Card } from './Card';
import { ChipList } from './ChipList';
import { TimeAgo } from './TimeAgo';

const LOG_KIND = { file: 'log file', journald: 'systemd journal', unknown: 'not found' } as const;

export function InspectionOverview({ inspection: i }: { inspection: ServerInspection }) {
  return (
    <Card title="System and Postfix" testId="inspection-overview">
      <dl className="facts facts--plain">
        <dt>Operating system</dt>
        <dd>{i.os.prettyName}</dd>
        <dt>Postfix version</dt>
        <dd data-testid="postfix-version">{i.postfix.version}</dd>
        <dt>Config directory</dt>
        <dd>
          <code>{i.postfix.configDirectory}</code>
        </dd>
        <dt>Command directory</dt>
        <dd>
          <code>{i.postfix.commandDirectory}</code>
        </dd>
        <dt>Mail log</dt>
        <dd data-testid="log-source">
          {LOG_KIND[i.log.kind]}
          {i.log.path && (
            <>
              {' '}
              <code>{i.log.path}</code>
            </>
          )}
        </dd>
        <dt>Map types</dt>
        <dd>
          <ChipList items={i.postfix.mapTypes} label="Lookup table types this Postfix supports" />
        </dd>
        <dt>Inspected</dt>
        <dd>
          <TimeAgo at={i.at} inline /> in {(i.durationMs / 1000).toFixed(1)} s
        </dd>
      </dl>
    </Card>
  );
}
