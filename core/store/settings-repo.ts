// Settings rows: one key per row, value as JSON. Runtime: Node.

import type { Db } from './database';
import {
  DEFAULT_SETTINGS,
  isSettingKey,
  settingFromStore,
  type SettingKey,
  type Settings,
} from '../settings/schema';

export interface SettingChange {
  from: unknown;
  to: unknown;
}

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  getAll(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as {
      key: string;
      value: string;
    }[];
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      // Keys from removed settings stay in the table harmlessly; a newer build may know them.
      if (isSettingKey(row.key)) out[row.key] = settingFromStore(row.key, JSON.parse(row.value));
    }
    return out as Settings;
  }

  /** Writes the patch; returns what actually changed (key → from/to). */
  apply(patch: Partial<Settings>, now: number): Record<string, SettingChange> {
    const before = this.getAll();
    const upsert = this.db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const changes: Record<string, SettingChange> = {};
    for (const key of Object.keys(patch) as SettingKey[]) {
      const value = patch[key];
      if (value === undefined) continue;
      upsert.run(key, JSON.stringify(value), now);
      if (before[key] !== value) changes[key] = { from: before[key], to: value };
    }
    return changes;
  }
}
