// Grows the SQLite write-ahead log to its working size before the first decision, for
// --sync full. An fsync of a file that keeps growing also has to commit the file system's
// journal (the new size, the new blocks): measured here, that doubled the cost of every commit
// (about 380 µs instead of 180). SQLite reuses its WAL from the start after each checkpoint
// without shrinking it, so once it has been this large, commits only overwrite blocks that
// exist — as postgrey's Berkeley DB does with its preallocated log files.
// Runtime: Node (better-sqlite3).

import fs from 'node:fs';
import type { Db } from '../store/database';

/**
 * Makes the WAL of `path` at least `frames` pages long (and a checkpoint move SQLite back to
 * its start). The padding is written through a scratch table that is dropped at once: its pages
 * go to the database's free list and are reused by greylisting entries later.
 */
export function preallocateWal(db: Db, path: string, frames: number): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const wal = `${path}-wal`;
  const size = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  if (size >= frames * pageSize) return;
  // Each row fills about one page; a few rows per frame are headers and interior pages.
  const rows = Math.ceil(frames - size / pageSize);
  db.exec('CREATE TABLE IF NOT EXISTS policyd_wal_padding (b BLOB)');
  const insert = db.prepare('INSERT INTO policyd_wal_padding (b) VALUES (zeroblob(?))');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(pageSize - 100);
  })();
  db.exec('DROP TABLE policyd_wal_padding');
  // Copies everything into the database and lets the next writer start over at the WAL's
  // beginning, overwriting what is now allocated.
  db.pragma('wal_checkpoint(RESTART)');
}
