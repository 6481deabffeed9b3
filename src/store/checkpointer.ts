import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/**
 * In WAL mode SQLite copies the log back into the database file (a checkpoint, with an fsync) inside whichever
 * commit pushes the log past 1,000 pages: that one answer then waits for the disk, and on a busy machine the
 * checkpoints were about two thirds of the time answers spent committing. Here a worker thread with its own
 * connection runs PASSIVE checkpoints (they never block the writer) a few times a second, and the bot's own
 * connection no longer checkpoints. Durability is unchanged: a commit is in the log before the member hears back.
 */
export const CHECKPOINT_EVERY_MS = 250;

// Plain JavaScript, evaluated as the worker's entry point, so it runs the same under tsx, vitest and node.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
// Errors are sent as text: SQLite's own error class does not survive the trip between threads.
const report = (error) => parentPort.postMessage({ error: String((error && error.message) || error) });
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
} catch (error) {
  report(error);
}
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    report(error);
  }
};
const timer = db && setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  if (db) {
    checkpoint();
    db.close();
  }
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, onError: (error: unknown) => void, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  if (db.memory) return { stop: async () => undefined };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path: db.name, everyMs } });
  let running = true;
  // If the worker cannot checkpoint, the connection goes back to checkpointing itself, so the log cannot grow forever.
  const fallBack = (error: unknown) => {
    if (running && db.open) db.pragma('wal_autocheckpoint = 1000');
    running = false;
    onError(asError(error));
  };
  worker.on('message', (message: { error?: string }) => {
    if (!message.error) return;
    fallBack(new Error(`checkpoint failed: ${message.error}`));
    void worker.terminate();
  });
  worker.on('error', fallBack);
  worker.on('exit', (code) => running && fallBack(new Error(`the checkpoint worker exited with code ${code}`)));
  db.pragma('wal_autocheckpoint = 0');
  return {
    async stop() {
      if (!running) return;
      running = false;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    },
  };
}

/** What a worker throws can arrive as a plain object with a message. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return new Error(message);
}
