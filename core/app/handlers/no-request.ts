// Schema for calls that take no request: JSON has no undefined, so null and {} are accepted too.
// Runtime: pure.

import { z } from 'zod';

export const noRequest = z
  .union([z.undefined(), z.null(), z.object({}).strict()])
  .transform((): void => undefined);
