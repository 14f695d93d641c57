// What one server would get from the draft: first what it cannot express, then the main.cf
// settings that change, each file beside the server's current one, notes and stale files.

import type { PolicyPreview } from '../../../core/app/api';
import { CompiledExtras } from './CompiledExtras';
import { FileDiff } from './FileDiff';
import { MainCfChanges } from './MainCfChanges';
import { UnsupportedCallout } from './UnsupportedCallout';

export function PreviewResult({ preview }: { preview: PolicyPreview }) {
  const { compiled } = preview;
  return (
    <div className="preview-result" data-testid="preview-result">
      <UnsupportedCallout items={compiled.unsupported} target={preview.serverName} />
      <section className="preview-block" aria-label="main.cf">
        <h3>main.cf</h3>
        <MainCfChanges settings={preview.mainCf} />
      </section>
      <section className="preview-block" aria-label="Files">
        <h3>
          Files in <code className="verbatim">{compiled.managedDirectory}</code>
        </h3>
        {preview.files.length === 0 ? (
          <p className="muted">This policy writes no file for {preview.serverName}.</p>
        ) : (
          preview.files.map((f) => (
            <FileDiff key={f.path} path={f.path} current={f.current} compiled={f.compiled} />
          ))
        )}
      </section>
      <CompiledExtras compiled={compiled} stale={preview.stale} />
    </div>
  );
}
