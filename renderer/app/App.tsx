// Routes. Hash routing: the same build works from app://, file:// and the browser-mode server.

import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { AboutPage } from '../pages/AboutPage';
import { AuditPage } from '../pages/AuditPage';
import { CheckIpPage } from '../pages/CheckIpPage';
import { DashboardPage } from '../pages/DashboardPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PolicyPage } from '../pages/PolicyPage';
import { ReviewPage } from '../pages/ReviewPage';
import { SendersPage } from '../pages/SendersPage';
import { ServerDetailPage } from '../pages/ServerDetailPage';
import { ServersPage } from '../pages/ServersPage';
import { SettingsPage } from '../pages/SettingsPage';
import { SendersStaleNotice } from '../components/senders/SendersStaleNotice';
import { ReviewAlertNotice } from '../components/review/ReviewAlertNotice';
import { Layout } from './Layout';

export function App() {
  return (
    <HashRouter>
      <SendersStaleNotice />
      <ReviewAlertNotice />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/dashboard" replace />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="policy" element={<PolicyPage />} />
          <Route path="servers" element={<ServersPage />} />
          <Route path="servers/:id" element={<ServerDetailPage />} />
          <Route path="review" element={<ReviewPage />} />
          <Route path="senders" element={<SendersPage />} />
          <Route path="check" element={<CheckIpPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="about" element={<AboutPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
