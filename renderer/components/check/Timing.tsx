// "12 ms" next to an answer; while awaited, a spinner instead.

import { Spinner } from '../servers/Spinner';

export function Timing({ ms }: { ms?: number }) {
  if (ms === undefined) return <Spinner />;
  return <span className="timing num">{ms} ms</span>;
}
