import { ApiKey } from './ApiKey';
import { Channel } from './Channel';
import { Dataset } from './Dataset';
import { Digest } from './Digest';
import { JobRun } from './JobRun';
import { JobSchedule } from './JobSchedule';
import { ModelVersion } from './ModelVersion';
import { Notebook } from './Notebook';
import { Observation } from './Observation';
import { Scenario } from './Scenario';
import { SlackEvent } from './SlackEvent';

export { ApiKey, Channel, Dataset, Digest, JobRun, JobSchedule, ModelVersion, Notebook, Observation, Scenario, SlackEvent };

export const ENTITIES = [ApiKey, Channel, Dataset, Digest, JobRun, JobSchedule, ModelVersion, Notebook, Observation, Scenario, SlackEvent];
export { ROLES, type Role } from './ApiKey';
export { MODEL_STATUSES, type ModelStatus } from './ModelVersion';
export { JOB_KINDS, type JobKind } from './JobSchedule';
export { JOB_RUN_STATUSES, type JobRunStatus } from './JobRun';
