// The main.cf settings the policy sets: those that change (current → compiled) first, with the
// list items that go or come marked ("zen…*3" struck out, "zen…*4" in bold); the settings
// already right are folded.

import type { PreviewSetting } from '../../../core/app/api';

/** Postfix lists are comma-separated (whitespace too, but commas are how mxwarden writes them). */
const items = (value: string): string[] => value.split(/\s*,\s*/).filter(Boolean);

function Marked({ value, other, mark }: { value: string; other: string; mark: 'del' | 'ins' }) {
  const theirs = new Set(items(other));
  const mine = items(value);
  return (
    <code className="verbatim">
      {mine.map((item, i) => (
        <span key={i}>
          {theirs.has(item) ? item : mark === 'del' ? <del>{item}</del> : <ins>{item}</ins>}
          {i < mine.length - 1 ? ', ' : ''}
        </span>
      ))}
    </code>
  );
}

function SettingRows({ settings, changed }: { settings: PreviewSetting[]; changed: boolean }) {
  return (
    <>
      {settings.map((s) => (
        <tr key={s.name} data-testid="maincf-row" data-name={s.name}>
          <th scope="row">
            <code>{s.name}</code>
          </th>
          <td>
            {s.current === '' ? (
              <span className="muted">(not set)</span>
            ) : changed ? (
              <Marked value={s.current} other={s.compiled} mark="del" />
            ) : (
              <code className="verbatim">{s.current}</code>
            )}
          </td>
          <td>
            {changed ? (
              <Marked value={s.compiled} other={s.current} mark="ins" />
            ) : (
              <code className="verbatim">{s.compiled}</code>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

export function MainCfChanges({ settings }: { settings: PreviewSetting[] }) {
  const changed = settings.filter((s) => s.current !== s.compiled);
  const same = settings.filter((s) => s.current === s.compiled);
  return (
    <div>
      {changed.length === 0 ? (
        <p className="muted">Every main.cf setting is already as the policy wants it.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table maincf-table" aria-label="main.cf settings that change">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Now on the server</th>
                <th scope="col">From this policy</th>
              </tr>
            </thead>
            <tbody>
              <SettingRows settings={changed} changed />
            </tbody>
          </table>
        </div>
      )}
      {same.length > 0 && (
        <details className="maincf-same">
          <summary>{same.length} settings already as the policy wants them</summary>
          <div className="table-wrap">
            <table className="data-table maincf-table" aria-label="main.cf settings that stay">
              <tbody>
                <SettingRows settings={same} changed={false} />
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
