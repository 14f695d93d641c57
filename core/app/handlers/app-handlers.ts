// app.*: what the About page shows. Runtime: Node.

import type { AppInfo } from '../api';
import type { HandlerTable } from '../handler';
import { noRequest } from './no-request';

export function appHandlers(info: () => AppInfo): Pick<HandlerTable, 'app.info'> {
  return {
    'app.info': { request: noRequest, run: () => info() },
  };
}
