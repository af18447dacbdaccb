/** `npm run mock`: the Prism mock on 127.0.0.1:$MOCK_PORT (default 4010; 0 picks a free one). Ctrl-C stops it. */
import { startMock, type RunningMock } from '../src/mock/index.js';

const text = process.env.MOCK_PORT;
const port = text === undefined || text === '' ? 4010 : Number(text);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock: MOCK_PORT must be a port number 0–65535 (0 picks a free one); got ${text}`);
  process.exit(1);
}
let mock: RunningMock;
try {
  mock = await startMock({ port });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`mock: port ${port} is in use; set MOCK_PORT to another port (0 picks a free one), e.g. MOCK_PORT=0 npm run mock`);
  process.exit(1);
}
console.log(`mock     ${mock.url}  (Prism ${mock.prism.pid}; try: curl -H "Authorization: Bearer test" ${mock.url}/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T)`);
const stop = () => void mock.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
