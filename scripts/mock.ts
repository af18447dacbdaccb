/** `npm run mock`: the Prism mock on 127.0.0.1:$MOCK_PORT (default 4010). Ctrl-C stops it. */
import { startMock } from '../src/mock/index.js';

const mock = await startMock({ port: Number(process.env.MOCK_PORT ?? 4010) });
console.log(`mock     ${mock.url}  (Prism ${mock.prism.pid}; try: curl -H "Authorization: Bearer test" ${mock.url}/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T)`);
const stop = () => void mock.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
