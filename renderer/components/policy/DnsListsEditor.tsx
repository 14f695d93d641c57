// The DNS lists postscreen scores a client with: the threshold that rejects, the allowlist
// threshold that lets a client skip the other tests, and the weighted lists themselves.

import { useState } from 'react';
import type { DnsList } from '../../../core/policy/schema';
import { Card } from '../servers/Card';
import { DnsListRow } from './DnsListRow';
import type { FormProps } from './form-types';
import { NumberField } from './NumberField';
import { fieldId } from './policy-issues';
import { ScoreHelper } from './ScoreHelper';
import { UndoBar } from './UndoBar';

const NEW_LIST: DnsList = { zone: '', weight: 1, ipv6: false, enabled: true, dryRun: false };

export function DnsListsEditor({ form }: { form: FormProps }) {
  const { dnsbl } = form.draft;
  const [removed, setRemoved] = useState<{ index: number; list: DnsList }>();
  const setLists = (lists: DnsList[]) => form.setField(['dnsbl', 'lists'], lists);
  const remove = (index: number) => {
    const list = dnsbl.lists[index];
    if (!list) return;
    setLists(dnsbl.lists.filter((_, j) => j !== index));
    setRemoved({ index, list });
  };
  const undo = () => {
    if (!removed) return;
    const next = [...dnsbl.lists];
    next.splice(Math.min(removed.index, next.length), 0, removed.list);
    setLists(next);
    setRemoved(undefined);
  };
  const add = () => {
    setLists([...dnsbl.lists, { ...NEW_LIST }]);
    setTimeout(
      () =>
        document.getElementById(fieldId(['dnsbl', 'lists', dnsbl.lists.length, 'zone']))?.focus(),
      0,
    );
  };
  return (
    <div className="policy-forms policy-forms--wide">
      <Card title="Thresholds">
        <div className="form-grid-3">
          <NumberField
            form={form}
            path={['dnsbl', 'threshold']}
            label="Reject at a score of"
            hint="postscreen_dnsbl_threshold: the listed weights of a client are summed."
          />
          <NumberField
            form={form}
            path={['dnsbl', 'allowlistThreshold']}
            label="Allowlist at a score of"
            hint="At or below this (negative) score a client skips postscreen’s other tests; 0 turns it off."
          />
        </div>
      </Card>
      <Card
        title={`DNS lists (${dnsbl.lists.length})`}
        actions={
          <button type="button" className="button" onClick={add}>
            Add a list
          </button>
        }
      >
        {removed && (
          <UndoBar
            text={`Removed ${removed.list.zone || 'a list'}${removed.list.filter ? `=${removed.list.filter}` : ''}.`}
            onUndo={undo}
            onDismiss={() => setRemoved(undefined)}
          />
        )}
        {dnsbl.lists.length === 0 ? (
          <p className="muted">
            No DNS list is consulted. Add one (zen.spamhaus.org is the usual first).
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table dnsbl-table" aria-label="DNS lists">
              <thead>
                <tr>
                  <th scope="col">On</th>
                  <th scope="col">Zone</th>
                  <th scope="col">Answers that count</th>
                  <th scope="col">Weight</th>
                  <th scope="col">IPv6</th>
                  <th scope="col">Dry-run</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {dnsbl.lists.map((l, i) => (
                  <DnsListRow
                    key={i}
                    index={i}
                    list={l}
                    issues={form.issues}
                    onChange={(next) => setLists(dnsbl.lists.map((x, j) => (j === i ? next : x)))}
                    onRemove={() => remove(i)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="pfield__hint">
          The same zone may appear more than once with different answer filters (zen’s SBL, XBL and
          PBL codes): every entry whose filter matches adds its weight. IPv6 clients are looked up
          only on lists marked IPv6.
        </p>
      </Card>
      <ScoreHelper
        lists={dnsbl.lists}
        threshold={dnsbl.threshold}
        allowlistThreshold={dnsbl.allowlistThreshold}
      />
    </div>
  );
}
