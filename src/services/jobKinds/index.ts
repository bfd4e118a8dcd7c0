import type { JobKind } from '../../entities';
import type { JobKindDefinition } from './types';
import { dataQualityJob } from './dataQuality';
import { digestJob } from './digest';
import { retrainJob } from './retrain';

/** Every job kind a schedule can name (job_schedules.kind), one file each. */
export const JOB_KINDS_BY_NAME: Record<JobKind, JobKindDefinition> = {
  digest: digestJob,
  retrain: retrainJob,
  dataQuality: dataQualityJob,
};
