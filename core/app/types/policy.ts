// Policy versions, diffs, imports and previews as they cross the API. Runtime: types only.

import type { Policy } from '../../policy/schema';
import type { CompiledConfig, ImportFinding } from '../../targets/compiled';

export type { PolicyChange } from '../../policy/diff';
export type {
  CompiledConfig,
  CompiledFile,
  ImportFinding,
  Unsupported,
} from '../../targets/compiled';

export interface PolicyVersionInfo {
  id: number;
  createdAt: number;
  actor: string;
  message: string;
}

/** Which policy to use: a saved version, or a document being edited. */
export type PolicyRef = { versionId: number } | { policy: unknown };

export interface ImportResultView {
  serverId: number;
  serverName: string;
  policy: Policy;
  findings: ImportFinding[];
}

export interface PreviewFile {
  path: string;
  /** What the server has now; undefined when the file does not exist yet. */
  current?: string;
  compiled: string;
}

export interface PreviewSetting {
  name: string;
  current: string;
  compiled: string;
}

export interface PolicyPreview {
  serverId: number;
  serverName: string;
  compiled: CompiledConfig;
  files: PreviewFile[];
  mainCf: PreviewSetting[];
  /** Files in the managed directory that this policy no longer writes (a push removes them). */
  stale: string[];
  /** The postgrey options mxwarden sets, before and after (when postgrey greylists there). */
  postgrey?: { current: string; compiled: string };
  /** A push would change nothing on the server. */
  unchanged: boolean;
}
