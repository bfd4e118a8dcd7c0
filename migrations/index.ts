import { InitialDomain1763900000000 } from './1763900000000-InitialDomain';

/** Every migration, in order. Listed explicitly so that tests (TS) and the build (JS) load the same set. */
export const MIGRATIONS = [InitialDomain1763900000000];
