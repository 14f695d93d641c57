// A policy compiled for a named profile (no server): the files and settings it would write.

import type { CompiledConfig } from '../../../core/app/api';
import { CompiledExtras } from './CompiledExtras';
import { FileDiff } from './FileDiff';
import { UnsupportedCallout } from './UnsupportedCallout';

export function CompiledResult({ compiled }: { compiled: CompiledConfig }) {
  return (
    <div className="preview-result" data-testid="compiled-result">
      <UnsupportedCallout items={compiled.unsupported} target={compiled.target} />
      <section className="preview-block" aria-label="main.cf">
        <h3>main.cf</h3>
        <div className="table-wrap">
          <table className="data-table maincf-table" aria-label="main.cf settings">
            <tbody>
              {compiled.mainCf.map((s) => (
                <tr key={s.name} data-testid="maincf-row" data-name={s.name}>
                  <th scope="row">
                    <code>{s.name}</code>
                  </th>
                  <td>
                    <code className="verbatim">{s.value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="preview-block" aria-label="Files">
        <h3>
          Files in <code className="verbatim">{compiled.managedDirectory}</code>
        </h3>
        {compiled.files.map((f) => (
          <FileDiff key={f.path} path={f.path} compiled={f.content} alone />
        ))}
      </section>
      <CompiledExtras compiled={compiled} />
    </div>
  );
}
