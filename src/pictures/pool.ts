import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderReply } from './picture-worker.js';
import type { Picture } from './types.js';

export interface PicturePool {
  render(picture: Picture): Promise<Buffer>;
  /** Rejects queued and running jobs and ends the workers. */
  close(): Promise<void>;
  readonly size: number;
}

export interface PicturePoolOptions {
  size?: number;
  /** The worker module; tests point it at a worker that misbehaves on purpose. */
  entry?: URL;
}

interface Job {
  id: number;
  picture: Picture;
  resolve(png: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Leaves a core for the event loop, and two renderers are plenty for a study group's traffic. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

const ownEntry = new URL(import.meta.url.endsWith('.ts') ? './picture-worker.ts' : './picture-worker.js', import.meta.url);

/**
 * A worker does not inherit the TypeScript loader (not from tsx on Node 20, not from vitest), so a
 * .ts entry is loaded after registering tsx inside the worker itself.
 */
function bootCode(entry: URL): string {
  const load = `import(${JSON.stringify(entry.href)})`;
  if (!entry.pathname.endsWith('.ts')) return load;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return ${load}; });`;
}

export function createPicturePool(options: PicturePoolOptions = {}): PicturePool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const boot = bootCode(options.entry ?? ownEntry);
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): void {
    const slot: Slot = { worker: new Worker(boot, { eval: true }), job: null };
    let failure: Error | undefined;
    slot.worker.unref();
    slot.worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      finish(slot);
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
      pump();
    });
    slot.worker.on('error', (error) => {
      failure = error;
    });
    // A crashed worker is not restarted here: pump() starts a fresh one only when a job needs it,
    // so a worker that cannot even start fails jobs instead of spinning.
    slot.worker.on('exit', (code) => {
      slots.delete(slot);
      const job = slot.job;
      slot.job = null;
      job?.reject(closed ? new Error('Picture pool closed') : new Error(`Picture worker stopped (exit code ${code}): ${failure?.message ?? 'no error reported'}`));
      pump();
    });
    slots.add(slot);
  }

  function finish(slot: Slot): void {
    slot.job = null;
    // Idle workers must not keep the process alive; busy ones must, or a pending render would be lost.
    slot.worker.unref();
  }

  function pump(): void {
    if (closed) return;
    while (queue.length > 0) {
      const slot = [...slots].find((candidate) => candidate.job === null);
      if (!slot && slots.size < size) {
        spawn();
        continue;
      }
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id: job.id, picture: job.picture });
      } catch (error) {
        finish(slot);
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  // Workers start with the first render, not with the bot: a bot nobody asks for a picture never pays for one
  // (another thread with its own heap and Skia), and start-up stays as quick as before. The first picture waits for
  // the boot (about half a second here), well inside the 1.5 s after which the command is acknowledged first.

  return {
    size,
    render(picture) {
      if (closed) return Promise.reject(new Error('Picture pool closed'));
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ id: nextId++, picture, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('Picture pool closed'));
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}
