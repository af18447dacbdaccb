/**
 * Portrait PNGs for /media/, rendered off the event loop in a worker thread so that a client
 * fetching many portraits cannot stall the API, and kept in a bounded cache of rendered bytes.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../contract/errors.js';

export interface PortraitRenderer {
  render(assetId: string, size: number): Promise<Buffer>;
  close(): Promise<void>;
}

const CACHE_BYTES = 32 * 1024 * 1024;
/** Renders waiting at once; past this a request is told to retry (429) rather than queue without bound. */
const MAX_QUEUE = 64;

class ByteBoundedCache {
  private readonly map = new Map<string, Buffer>();
  private bytes = 0;
  get(key: string): Buffer | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }
  set(key: string, value: Buffer): void {
    this.map.set(key, value);
    this.bytes += value.length;
    for (const [k, v] of this.map) {
      if (this.bytes <= CACHE_BYTES) break;
      this.map.delete(k);
      this.bytes -= v.length;
    }
  }
}

/** `inline: true` renders on the calling thread (bench/ compares the two). */
export function createPortraitRenderer(options: { inline?: boolean } = {}): PortraitRenderer {
  const cache = new ByteBoundedCache();
  const pending = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();
  const inFlight = new Map<string, Promise<Buffer>>();
  let worker: Worker | undefined;
  let nextId = 0;

  const start = (): Worker => {
    const w = new Worker(new URL('./media-worker.mjs', import.meta.url));
    w.unref();
    w.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.png) waiter.resolve(Buffer.from(message.png));
      else waiter.reject(new Error(message.error ?? 'render failed'));
    });
    w.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      worker = undefined;
    });
    return w;
  };

  const renderInWorker = (assetId: string, size: number): Promise<Buffer> =>
    options.inline ? import('./portrait.js').then((m) => m.renderPortraitPng(assetId, size)) : new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, assetId, size });
    });

  // Started now, not at the first portrait: starting a worker (a thread, tsx compiling portrait.ts)
  // costs tens of milliseconds of CPU, which under load would land on the requests of that moment.
  if (!options.inline) worker = start();

  return {
    render(assetId, size) {
      const key = `${size}:${assetId}`;
      const hit = cache.get(key);
      if (hit) return Promise.resolve(hit);
      const running = inFlight.get(key);
      if (running) return running;
      if (pending.size >= MAX_QUEUE) {
        return Promise.reject(new ApiError('RATE_LIMITED', 'Too many portraits are rendering; retry shortly.', undefined, { 'retry-after': '1' }));
      }
      // A worker that cannot run (or died) must not turn a portrait into an error: render here instead.
      const job = renderInWorker(assetId, size).catch(() => import('./portrait.js').then((m) => m.renderPortraitPng(assetId, size))).then((png) => {
        cache.set(key, png);
        return png;
      });
      inFlight.set(key, job);
      void job.finally(() => inFlight.delete(key)).catch(() => {});
      return job;
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
