export { LayersClient } from './client.js';
export type { AndWaitOptions, LayersClientOptions, LayersResponse, ListInfluencersParams, PostRequestOptions, RequestOptions, WithResponse } from './client.js';
export type { WaitForJobOptions } from './jobs.js';
export {
  LayersApiError,
  LayersAuthenticationError,
  LayersConflictError,
  LayersConnectionError,
  LayersError,
  LayersJobFailedError,
  LayersNotFoundError,
  LayersPermissionError,
  LayersRateLimitError,
  LayersServerError,
  LayersTimeoutError,
  LayersValidationError,
  type LayersApiErrorInit,
  type LayersConnectionErrorInit,
} from './errors.js';
export type * from '../../generated/schema.js';
