// The portrait worker (media.ts): renders PNGs off the API's event loop. portrait.ts is
// TypeScript, so the worker loads it through tsx.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

// Renders yield the CPU to the API: on Linux a thread has its own nice value (setpriority on its
// thread id), at the lowest priority (19), so with the cores busy the event loop answering GETs
// runs first and renders take what is left. Elsewhere: no-op.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
} catch {
  // no /proc, or not permitted: render at normal priority
}

const { renderPortraitPng } = await tsImport('./portrait.ts', import.meta.url);

parentPort.on('message', ({ id, assetId, size }) => {
  try {
    // A copy with its own ArrayBuffer: a pooled Buffer's memory cannot be transferred (Node 24 refuses).
    const png = new Uint8Array(renderPortraitPng(assetId, size));
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
