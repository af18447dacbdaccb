// The portrait worker (media.ts): renders PNGs off the API's event loop. portrait.ts is
// TypeScript, so the worker loads it through tsx.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

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
