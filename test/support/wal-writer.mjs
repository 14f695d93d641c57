// Worker thread for the WAL concurrency test: commits batches of rows, holding some
// transactions open for a while so readers in the main thread read during an open write.
// Plain SQL on purpose: what is tested is the store's file configuration (WAL), not our code.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, batches, rowsPerBatch, flags } = workerData;
const db = new Database(file);
// The store's own setting: WAL still has brief WAL-index locks that a zero timeout would turn into errors.
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  "INSERT INTO audit_log (time, actor, action, target, detail) VALUES (?, 'test', 'wal.write', ?, '{}')",
);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

let committed = 0;
const errors = [];
for (let b = 0; b < batches; b++) {
  try {
    db.exec('BEGIN IMMEDIATE');
    Atomics.store(flags, 1, 1);
    for (let i = 0; i < rowsPerBatch; i++) {
      insert.run(Date.now(), `batch-${b}`);
      if (b % 10 === 0 && i === rowsPerBatch / 2) sleep(20);
    }
    db.exec('COMMIT');
    Atomics.store(flags, 1, 0);
    committed++;
  } catch (e) {
    errors.push(String(e));
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}
db.close();
Atomics.store(flags, 0, 1);
parentPort.postMessage({ committed, errors });
