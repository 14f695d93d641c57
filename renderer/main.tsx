// Renderer entry: pick the API transport, then render the app inside its providers.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './app/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ApiProvider } from './state/api-context';
import { NotificationsProvider } from './state/notifications';
import { SettingsProvider } from './state/settings-context';
import { applyCachedTheme, ThemeApplier } from './state/theme';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/servers.css';
import './styles/check.css';
import './styles/push.css';

applyCachedTheme();
const client = createClient();
document.documentElement.dataset.host = client.mode;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary where="mxwarden">
      <ApiProvider value={client}>
        <NotificationsProvider>
          <SettingsProvider>
            <ThemeApplier />
            <App />
          </SettingsProvider>
        </NotificationsProvider>
      </ApiProvider>
    </ErrorBoundary>
  </StrictMode>,
);
