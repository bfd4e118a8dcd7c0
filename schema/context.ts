import type { Role } from '../src/entities';
import type { AppContext } from '../src/services/appContext';

/** Per-request GraphQL context: the process's services and who is calling. */
export interface GraphQLContext {
  app: AppContext;
  caller: { keyId: string; role: Role };
}
