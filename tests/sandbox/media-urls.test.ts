/** Portrait URLs are built from configuration, never from the client's Host header. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw } from '../abuse/raw.js';
import { startTestSandbox, type TestSandbox } from './harness.js';

let plain: TestSandbox;
let configured: TestSandbox;

beforeAll(async () => {
  plain = await startTestSandbox();
  configured = await startTestSandbox({ publicUrl: 'https://sandbox.partner.test' });
}, 60_000);
afterAll(async () => {
  await plain?.close();
  await configured?.close();
});

async function readyInfluencer(sandbox: TestSandbox, host: string) {
  const project = (await sandbox.call('POST', '/v1/projects', { body: { name: 'Hosts' } })).json.projectId;
  const job = (await sandbox.call('POST', `/v1/projects/${project}/influencers`, { body: {} })).json;
  await sandbox.settle(job.jobId);
  // fetch will not send a Host of our choosing; a socket will.
  const answer = await sendRaw(Number(new URL(sandbox.url).port), `GET /v1/influencers/${job.influencerId} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${sandbox.key}\r\nConnection: close\r\n\r\n`);
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body);
}

describe('media URLs', () => {
  it('default to the listen address, whatever Host the client sends', async () => {
    const influencer = await readyInfluencer(plain, 'evil.example');
    expect(influencer.referenceImages[0].url.startsWith(`${plain.url}/media/`)).toBe(true);
    expect(JSON.stringify(influencer)).not.toContain('evil.example');
    const png = await fetch(influencer.referenceImages[0].url);
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it('use the configured public URL (SANDBOX_PUBLIC_URL)', async () => {
    const influencer = await readyInfluencer(configured, 'evil.example');
    expect(influencer.referenceImages[0].url).toMatch(/^https:\/\/sandbox\.partner\.test\/media\/med_[0-9A-Z]{26}\.png$/);
    expect(influencer.referenceImages[0].thumbnailUrl).toMatch(/^https:\/\/sandbox\.partner\.test\/media\/med_[0-9A-Z]{26}-thumb\.png$/);
  });
});
