// "From my SSH config": the Host aliases of the ssh config the app reads, and where it is.

import { Link } from 'react-router';
import { Field } from './Field';

export interface SshAliases {
  configPath: string;
  aliases: string[];
}

export interface AliasPickerProps {
  config: SshAliases;
  value: string;
  error?: string;
  onChange: (alias: string) => void;
  autoFocus?: boolean;
}

export function AliasPicker({ config, value, error, onChange, autoFocus }: AliasPickerProps) {
  if (config.aliases.length === 0) {
    return (
      <p className="callout callout--warning" data-testid="no-aliases">
        No <code>Host</code> alias found in <code className="verbatim">{config.configPath}</code>.
        Add one there, point <Link to="/settings">Settings</Link> at another ssh config, or use
        “Host and port”.
      </p>
    );
  }
  return (
    <Field
      label="SSH config alias"
      error={error}
      hint={
        <>
          From <code className="verbatim">{config.configPath}</code>. Its HostName, Port, User,
          IdentityFile and ProxyJump apply.
        </>
      }
    >
      {(c) => (
        <select
          {...c}
          name="alias"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-autofocus={autoFocus ? true : undefined}
        >
          <option value="">Choose an alias…</option>
          {config.aliases.map((alias) => (
            <option key={alias} value={alias}>
              {alias}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
