// Settings: each change is saved at once (and written to the audit log).

import {
  SENDERS_REFRESH_CHOICES,
  TABLE_DENSITIES,
  THEMES,
  TIME_DISPLAYS,
  type Settings,
} from '../../core/settings/schema';
import { TextSetting } from '../components/check/TextSetting';
import { NumberSetting } from '../components/settings/NumberSetting';
import { PageHeader } from '../components/PageHeader';
import { SshPathSetting } from '../components/servers/SshPathSetting';
import { useSettings } from '../state/settings-context';

const THEME_LABELS = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
const TIME_LABELS = { local: 'Local time', utc: 'UTC' };
const DENSITY_LABELS = { comfortable: 'Comfortable', compact: 'Compact' };

function Choice<K extends 'theme' | 'timeDisplay' | 'tableDensity'>({
  name,
  legend,
  options,
  labels,
  hint,
}: {
  name: K;
  legend: string;
  options: readonly Settings[K][];
  labels: Record<Settings[K], string>;
  hint?: string;
}) {
  const { settings, update } = useSettings();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="segmented" role="radiogroup" aria-label={legend}>
        {options.map((option) => (
          <label key={option} className="segmented__option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={settings[name] === option}
              onChange={() => void update({ [name]: option } as Partial<Settings>)}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const REFRESH_LABELS: Record<number, string> = {
  0: 'only when I ask',
  6: 'every 6 hours',
  12: 'every 12 hours',
  24: 'daily (default)',
  168: 'weekly',
};

export function SettingsPage() {
  const { settings, update, loaded } = useSettings();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Saved as soon as you change them, and recorded in the audit log."
      />
      <form className="settings-form" aria-busy={!loaded} onSubmit={(e) => e.preventDefault()}>
        <Choice
          name="theme"
          legend="Theme"
          options={THEMES}
          labels={THEME_LABELS}
          hint="Alt+T switches from anywhere."
        />
        <Choice
          name="timeDisplay"
          legend="Show times in"
          options={TIME_DISPLAYS}
          labels={TIME_LABELS}
          hint="Mail logs mix time zones; many admins read everything in UTC."
        />
        <Choice
          name="tableDensity"
          legend="Table density"
          options={TABLE_DENSITIES}
          labels={DENSITY_LABELS}
        />
        <fieldset className="field">
          <legend>Notifications</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.notifications}
              onChange={(e) => void update({ notifications: e.target.checked })}
            />
            <span>Show in-app notifications for background events</span>
          </label>
        </fieldset>
        <fieldset className="field">
          <legend>SSH</legend>
          <p className="field__hint">
            Where mxwarden reads host aliases and pins host keys, shared with ssh(1). Absolute
            paths; leave empty for the defaults. Saved on Enter or when you leave the field.
          </p>
          <SshPathSetting
            name="sshConfigPath"
            label="SSH config file"
            placeholder="~/.ssh/config (default)"
            hint="Host aliases, users, ports, keys and ProxyJump come from here."
          />
          <SshPathSetting
            name="knownHostsPath"
            label="known_hosts file"
            placeholder="~/.ssh/known_hosts (default)"
            hint="Host keys you accept are pinned here; a changed key is refused."
          />
        </fieldset>
        <fieldset className="field">
          <legend>DNS</legend>
          <p className="field__hint">
            Check IP asks the DNS lists, PTR and SPF records through these servers — they should
            answer as your mail servers&apos; resolver does. Saved on Enter or when you leave the
            field.
          </p>
          <TextSetting
            name="dnsServers"
            label="DNS servers"
            placeholder="the system resolver (default)"
            hint="IP addresses with optional ports, comma-separated: 127.0.0.1:5353, [::1]:53. Empty: the system resolver."
          />
        </fieldset>
        <fieldset className="field">
          <legend>Cloud senders</legend>
          <p className="field__hint">
            The app re-reads the large senders&apos; SPF records on a schedule while it is open.
            When the ranges of a whitelisted provider change, it shows what changed and offers the
            push.
          </p>
          <label>
            <span>Refresh from DNS</span>{' '}
            <select
              value={settings.sendersRefreshHours}
              data-testid="setting-senders-refresh"
              onChange={(e) => void update({ sendersRefreshHours: Number(e.target.value) })}
            >
              {SENDERS_REFRESH_CHOICES.map((h) => (
                <option key={h} value={h}>
                  {REFRESH_LABELS[h] ?? `every ${h} hours`}
                </option>
              ))}
              {!(SENDERS_REFRESH_CHOICES as readonly number[]).includes(
                settings.sendersRefreshHours,
              ) && (
                <option value={settings.sendersRefreshHours}>
                  every {settings.sendersRefreshHours} hours
                </option>
              )}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.sendersAutoPush}
              data-testid="setting-senders-autopush"
              onChange={(e) => void update({ sendersAutoPush: e.target.checked })}
            />
            <span>
              Push changed ranges of whitelisted providers to every server automatically (off: you
              are asked first)
            </span>
          </label>
        </fieldset>
        <fieldset className="field">
          <legend>Statistics</legend>
          <p className="field__hint">
            How much of the mail-log history is kept. Counts per minute become counts per hour after
            7 days; counts per day are kept whatever the limit. Saved on Enter or when you leave the
            field.
          </p>
          <NumberSetting
            name="statsMaxMegabytes"
            label="Storage limit (MB)"
            hint="Past it, the oldest single events go first, then the oldest hourly counts."
          />
          <NumberSetting
            name="statsEventDays"
            label="Days single events are kept"
            hint="Rejections and accepted messages one by one: top clients, sender domains and false-positive evidence need them."
          />
        </fieldset>
      </form>
    </>
  );
}
