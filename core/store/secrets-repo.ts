// Ciphertexts of secrets. The store never sees a plaintext secret. Runtime: Node.

import type { Db } from './database';

export class SecretsRepo {
  constructor(private readonly db: Db) {}

  get(name: string): Buffer | undefined {
    const row = this.db.prepare('SELECT ciphertext FROM secrets WHERE name = ?').get(name) as
      { ciphertext: Buffer } | undefined;
    return row?.ciphertext;
  }

  put(name: string, ciphertext: Buffer, now: number): void {
    this.db
      .prepare(
        `INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      )
      .run(name, ciphertext, now);
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name).changes > 0;
  }

  names(): string[] {
    return (
      this.db.prepare('SELECT name FROM secrets ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
  }
}
