export function ensureElectronSqliteBinding(
  root: string,
  log?: (msg: string) => void,
): string | undefined;
export function installedElectron(root: string): string | undefined;
