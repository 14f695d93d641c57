// settings.*: read and change the user's settings. Runtime: Node.

import type { Store } from '../../store/database';
import { SettingsRepo } from '../../store/settings-repo';
import { settingsPatchSchema } from '../../settings/schema';
import type { HandlerTable } from '../handler';
import { noRequest } from './no-request';

export function settingsHandlers(
  store: Store,
): Pick<HandlerTable, 'settings.get' | 'settings.set'> {
  const repo = new SettingsRepo(store.db);
  return {
    'settings.get': { request: noRequest, run: () => repo.getAll() },
    'settings.set': {
      request: settingsPatchSchema,
      run: (patch, _ctx, tools) => {
        const after = store.transaction(() => {
          const changes = repo.apply(patch, tools.now());
          tools.audit({ target: Object.keys(patch).sort().join(','), detail: { changes } });
          return repo.getAll();
        });
        tools.emit('settings.changed', after);
        return after;
      },
    },
  };
}
