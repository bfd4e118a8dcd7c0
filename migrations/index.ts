import { InitialDomain1763900000000 } from './1763900000000-InitialDomain';
import { JobRunRequest1763900100000 } from './1763900100000-JobRunRequest';
import { ModelFitChoices1764700000000 } from './1764700000000-ModelFitChoices';
import { SlackOutbox1764800000000 } from './1764800000000-SlackOutbox';
import { JobRunRequestKey1764900000000 } from './1764900000000-JobRunRequestKey';
import { JobQueue1765000000000 } from './1765000000000-JobQueue';

/** Every migration, in order. Listed explicitly so that tests (TS) and the build (JS) load the same set. */
export const MIGRATIONS = [InitialDomain1763900000000, JobRunRequest1763900100000, ModelFitChoices1764700000000, SlackOutbox1764800000000, JobRunRequestKey1764900000000, JobQueue1765000000000];
