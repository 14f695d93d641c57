// The one origin our UI is served from inside Electron, and how to recognise it. Runtime: Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'mxwarden';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** In `electron-vite dev` the renderer comes from Vite's dev server instead. */
export const devRendererUrl = (): string | undefined => process.env.ELECTRON_RENDERER_URL;

export function isAppUrl(url: string): boolean {
  try {
    const origin = new URL(url).origin;
    const dev = devRendererUrl();
    return origin === APP_ORIGIN || (dev !== undefined && origin === new URL(dev).origin);
  } catch {
    return false;
  }
}
