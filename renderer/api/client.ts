// The one AppApi the UI uses: window.mxwarden under Electron (exposed by the preload script),
// the WebSocket bridge in browser mode.

import type { AppApi } from '../../core/app/api';
import { WsBridge } from './ws-bridge';

export type { ConnectionInfo, ConnectionState } from './ws-bridge';

declare global {
  interface Window {
    mxwarden?: AppApi;
  }
}

export interface ApiClient {
  api: AppApi;
  mode: 'electron' | 'browser';
  /** Browser mode only; Electron's IPC has no connection to lose. */
  bridge?: WsBridge;
}

export function createClient(): ApiClient {
  if (window.mxwarden) return { api: window.mxwarden, mode: 'electron' };
  const bridge = new WsBridge();
  return { api: bridge, mode: 'browser', bridge };
}
