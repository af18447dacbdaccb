export { LayersClient } from './client.js';
export type { AndWaitOptions, LayersClientOptions, ListInfluencersParams, PostRequestOptions, RequestOptions } from './client.js';
export type { WaitForJobOptions } from './jobs.js';
export {
  LayersApiError,
  LayersConnectionError,
  LayersError,
  LayersJobFailedError,
  LayersTimeoutError,
  type LayersApiErrorInit,
} from './errors.js';
export type * from '../../generated/schema.js';
