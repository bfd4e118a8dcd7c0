import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ROLES, type Role } from '../src/entities';
import { roleAllows } from '../src/services/apiKeys';
import type { GraphQLContext } from './context';

/**
 * `@Authorized('analyst')` means "analyst or above". Authentication already happened when
 * the context was built (no valid key, no context); here only the role is checked, and a
 * too-low role is FORBIDDEN rather than type-graphql's own code.
 */
export const roleAuthChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  const needed = roles.length === 0 ? 'viewer' : roles.reduce((a, b) => (ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b));
  if (roleAllows(context.caller.role, needed)) return true;
  throw new GraphQLError(`This needs the ${needed} role; your API key has ${context.caller.role}`, { extensions: { code: 'FORBIDDEN' } });
};
