/** The worker thread's side of the pool: one render at a time, answered by job id. */
import { parentPort } from 'node:worker_threads';
import { renderPicture } from './render.js';
import type { Picture } from './types.js';

export interface RenderJob {
  id: number;
  picture: Picture;
}

export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('picture-worker.ts runs only inside a worker thread');

port.on('message', (job: RenderJob) => {
  let reply: RenderReply;
  try {
    reply = { id: job.id, png: renderPicture(job.picture) };
  } catch (error) {
    // A bad picture fails its own job; the worker stays up for the next one.
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
