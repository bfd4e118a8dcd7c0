import type { Role } from '../src/entities';
import type { AppContext } from '../src/services/appContext';
import type { Loaders } from './loaders';

/** Per-request GraphQL context: the process's services, who is calling, and the request's batch loaders. */
export interface GraphQLContext {
  app: AppContext;
  caller: { keyId: string; role: Role };
  loaders: Loaders;
  /** Aborted when the client has gone before its answer was sent: computations check it and stop. */
  signal: AbortSignal;
}
