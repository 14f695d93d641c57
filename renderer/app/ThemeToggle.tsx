import { Icon } from '../components/Icon';
import { useSettings } from '../state/settings-context';

const NEXT = { system: 'light', light: 'dark', dark: 'system' } as const;
const LABEL = {
  system: 'Theme: follow system',
  light: 'Theme: light',
  dark: 'Theme: dark',
} as const;
const ICON = { system: 'system', light: 'sun', dark: 'moon' } as const;

export function ThemeToggle() {
  const { settings, update } = useSettings();
  const theme = settings.theme;
  return (
    <button
      type="button"
      className="icon-button"
      onClick={() => void update({ theme: NEXT[theme] })}
      aria-label={`${LABEL[theme]} (Alt+T to switch)`}
      title={`${LABEL[theme]} — click to switch`}
      data-testid="theme-toggle"
      data-theme-setting={theme}
    >
      <Icon name={ICON[theme]} />
    </button>
  );
}
