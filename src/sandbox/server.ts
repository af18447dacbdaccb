/**
 * The sandbox's HTTP server: the contract front (src/http) with this sandbox's authentication and
 * handlers, keyed POSTs made idempotent, and the generated portraits under /media/.
 */
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../contract/errors.js';
import { loadContract, type OperationId } from '../contract/model.js';
import { compileRequests, type ClientRecord, type CompiledRequest } from '../contract/requests.js';
import { createFront, type FrontAnswer, type FrontInput } from '../http/front.js';
import type { HttpLimits } from '../http/limits.js';
import { createAuthenticator, type Principal } from './auth.js';
import type { Timing } from './config.js';
import type { CursorCodec } from './cursor.js';
import { createStartQueue, startInfluencers, type StartInfluencer } from './creates.js';
import { handlers, type HandlerContext } from './handlers.js';
import { fingerprint, runOnce, type KeyedAnswer } from './idempotency.js';
import type { PortraitRenderer } from './media.js';
import type { Reads } from './store/cache.js';
import type { Db } from './store/db.js';

/** `<assetId>.png` or `<assetId>-thumb.png`, the asset id as the contract's AssetId pattern says. */
function assetIdPattern(): string {
  const pattern = loadContract().schema('AssetId').pattern;
  if (!pattern) throw new Error('the contract gives AssetId no pattern');
  return pattern.replace(/^\^|\$$/g, '');
}
const MEDIA = new RegExp(`^(${assetIdPattern()})(-thumb)?\\.png$`);

export interface ServerOptions {
  db: Db;
  timing: Timing;
  reads: Reads;
  cursors: CursorCodec;
  portraits: PortraitRenderer;
  /** Base URL of portrait links. */
  mediaBase: string;
  limits?: Partial<HttpLimits>;
  /** Called after a write committed (PGlite's planner statistics count writes). */
  afterWrite?: () => void;
  log?: (line: string) => void;
}

function mediaRoutes(portraits: PortraitRenderer) {
  return (app: FastifyInstance) => {
    app.get('/media/:file', async (request, reply) => {
      const match = MEDIA.exec((request.params as { file: string }).file);
      if (!match) throw new ApiError('NOT_FOUND', 'No such media file.');
      const png = await portraits.render(match[1]!, match[2] ? 128 : 512);
      return reply.code(200).headers({ 'content-type': 'image/png', 'cache-control': 'public, max-age=31536000, immutable' }).send(png);
    });
  };
}

/** Operations whose only write is starting influencers: unkeyed, they need no transaction of their own (creates.ts group-commits). */
const GROUP_COMMITTED: ReadonlySet<OperationId> = new Set(['createInfluencer', 'cloneInfluencer']);

type AnyHandler = (ctx: HandlerContext<never>) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

async function answerOf(handler: AnyHandler, context: HandlerContext<never>): Promise<KeyedAnswer> {
  const result = await handler(context);
  return { status: result.status, body: JSON.stringify(result.body), headers: result.headers ?? {} };
}

export async function createSandboxServer(options: ServerOptions): Promise<Server> {
  const { db } = options;
  const queued = createStartQueue(db, options.timing);
  const inTransaction = (tx: Db): StartInfluencer => async (request) => (await startInfluencers(tx, options.timing, [request]))[0]!;
  const requests = compileRequests();
  // What an empty body becomes once the contract's defaults are filled in (operations whose body is optional).
  const optional = [...requests].filter(([, request]) => request.takesBody && request.op.requestBody?.required !== true);
  const emptyBodies = new Map(optional.map(([id, request]) => [id, request.parseBody(Buffer.alloc(0), undefined)]));
  const defaults = (operationId: OperationId) => (emptyBodies.get(operationId) ?? {}) as ClientRecord;

  // Per request: one context object; closures only where a transaction needs them (this runs on every request).
  const handle = async (request: CompiledRequest, input: FrontInput, principal: Principal, path: string): Promise<FrontAnswer> => {
    const { op } = request;
    const handler = handlers[op.operationId] as AnyHandler;
    const wrote: HandlerContext<OperationId>['wrote'] = {};
    // The input was validated against this operation's schemas by the front (requests.ts).
    const context = {
      db,
      start: queued,
      principal,
      params: input.params,
      query: input.query,
      body: input.body,
      mediaBase: options.mediaBase,
      timing: options.timing,
      reads: options.reads,
      cursors: options.cursors,
      wrote,
      defaults,
    } as unknown as HandlerContext<never>;
    let answer: FrontAnswer;
    if (op.method === 'get' || (input.idempotencyKey === undefined && GROUP_COMMITTED.has(op.operationId))) {
      // A GET reads; an unkeyed create is group-committed (creates.ts).
      answer = await answerOf(handler, context);
    } else {
      const inTx = (tx: Db) => answerOf(handler, { ...context, db: tx, start: inTransaction(tx) });
      answer =
        input.idempotencyKey !== undefined
          ? await runOnce(db, { orgId: principal.orgId, operationId: op.operationId, key: input.idempotencyKey }, fingerprint(op.method, path, input.body), inTx)
          : await db.transaction(inTx);
    }
    // After the commit: a GET may have cached a row this write changed.
    options.reads.changed(wrote);
    if (op.method !== 'get') options.afterWrite?.();
    return answer;
  };

  const authenticate = createAuthenticator(db);
  const front = await createFront<Principal>({
    requests,
    ...(options.limits ? { limits: options.limits } : {}),
    authenticate,
    handle: (request, input, principal, req) => handle(request, input, principal, req.url.split('?')[0] ?? '/'),
    routes: mediaRoutes(options.portraits),
    ...(options.log ? { log: options.log } : {}),
  });
  return front.server;
}
