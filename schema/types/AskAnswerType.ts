import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { AnsweredQuestion, AskAnswer } from '../../src/services/ask';
import type { AnswerContext } from '../../src/services/answerText';
import { ChannelFiguresType, ResponseCurveType } from './ModelVersionType';

export enum AnswerKind {
  SCENARIO = 'scenario',
  COMPARISON = 'comparison',
  CHANNELS = 'channels',
  RESPONSE_CURVE = 'responseCurve',
  MODEL_QUALITY = 'modelQuality',
  LAST_TRAINED = 'lastTrained',
  UNDO = 'undo',
  SCHEDULE = 'schedule',
  TRAIN = 'train',
  HELP = 'help',
  CLARIFY = 'clarify',
  UNKNOWN = 'unknown',
}
registerEnumType(AnswerKind, {
  name: 'AnswerKind',
  description: 'What kind of answer a question got, i.e. which fields of the Answer are set.',
  valuesConfig: {
    SCENARIO: { description: 'A what-if or optimization was run: see `scenario`.' },
    COMPARISON: { description: 'The last two scenarios of the notebook compared: see `comparison`.' },
    CHANNELS: { description: 'ROAS or saturation of channels: see `channels`.' },
    RESPONSE_CURVE: { description: 'A channel’s response curve: see `curve`.' },
    MODEL_QUALITY: { description: 'How good the model is: see `model`.' },
    LAST_TRAINED: { description: 'When the model was trained: see `model`.' },
    UNDO: { description: 'The last scenario was taken back; `scenario` is the one before, if any.' },
    SCHEDULE: { description: 'A request to schedule a job: see `schedule` (create it with createJobSchedule).' },
    TRAIN: { description: 'A request to train a new model: nothing was trained; run the trainModel mutation.' },
    HELP: { description: 'How to ask: see `message` and `options`.' },
    CLARIFY: { description: 'Something must be asked back: see `message` and `options`.' },
    UNKNOWN: { description: 'Not understood: see `message`.' },
  },
});

/** Every kind the ask service answers with: a new one fails type-checking here until the enum has it. */
const ANSWER_KINDS: Record<AskAnswer['kind'], AnswerKind> = {
  scenario: AnswerKind.SCENARIO,
  comparison: AnswerKind.COMPARISON,
  channels: AnswerKind.CHANNELS,
  responseCurve: AnswerKind.RESPONSE_CURVE,
  modelQuality: AnswerKind.MODEL_QUALITY,
  lastTrained: AnswerKind.LAST_TRAINED,
  undo: AnswerKind.UNDO,
  schedule: AnswerKind.SCHEDULE,
  train: AnswerKind.TRAIN,
  help: AnswerKind.HELP,
  clarify: AnswerKind.CLARIFY,
  unknown: AnswerKind.UNKNOWN,
};

@ObjectType('ScheduleRequest', { description: 'A job the question asks to schedule.' })
export class ScheduleRequestType {
  @Field(() => String, { description: 'Job kind: digest, retrain or dataQuality.' })
  job!: string;

  @Field(() => String, { description: 'Cron expression for it.' })
  cron!: string;

  @Field(() => String, { description: 'When it would run, in words.' })
  description!: string;
}

@ObjectType('Answer', { description: 'The answer to a plain-words question: the same one Slack and `mmm ask` give.' })
export class AnswerType {
  /** The service's answer and its wording context, for the fields resolved from them (text). Not GraphQL fields. */
  source!: AskAnswer;
  context!: AnswerContext;

  @Field(() => AnswerKind, { description: 'What kind of answer this is.' })
  kind!: AnswerKind;

  @Field(() => String, { description: 'The question as understood, in plain words.' })
  restatement!: string;

  @Field(() => String, { nullable: true, description: 'Words to show for help, clarify and unknown answers.' })
  message!: string | null;

  @Field(() => [String], { nullable: true, description: 'The readings to offer, each a whole question to ask as it is (clarify), or example questions (help).' })
  options!: string[] | null;

  @Field(() => ID, { description: 'Notebook of the conversation: pass it back to `ask` for follow-ups.' })
  notebookId!: string;

  @Field(() => ID, { nullable: true, description: 'The stored scenario, when the answer has one.' })
  scenarioId!: string | null;

  @Field(() => ID, { description: 'Model version that answered.' })
  modelVersionId!: string;

  @Field(() => String, { description: 'Name of the KPI the figures are in.' })
  kpiName!: string;

  @Field(() => GraphQLJSON, { description: 'The parsed intent (src/scenarios/spec.ts Intent), for tools that want the exact spec.' })
  intent!: unknown;

  @Field(() => [ChannelFiguresType], { nullable: true, description: 'CHANNELS: figures per channel, best first: by ROAS, by marginal ROAS (where the next dollar goes), by share of the KPI (contributions), or most saturated first.' })
  channels!: ChannelFiguresType[] | null;

  @Field(() => ResponseCurveType, { nullable: true, description: 'RESPONSE_CURVE: the curve.' })
  curve!: ResponseCurveType | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'COMPARISON: the two scenarios side by side.' })
  comparison!: unknown;

  @Field(() => ScheduleRequestType, { nullable: true, description: 'SCHEDULE: the job asked for.' })
  schedule!: ScheduleRequestType | null;

  static from({ answer, context }: AnsweredQuestion): AnswerType {
    return Object.assign(new AnswerType(), {
      source: answer,
      context,
      kind: ANSWER_KINDS[answer.kind],
      restatement: answer.restatement,
      message: answer.message ?? null,
      options: answer.options ?? null,
      notebookId: answer.notebookId,
      scenarioId: answer.scenarioId,
      modelVersionId: answer.modelVersionId,
      kpiName: answer.kpiName,
      intent: answer.intent,
      channels: answer.channels?.map(ChannelFiguresType.from) ?? null,
      curve: answer.curve ? ResponseCurveType.from(answer.modelVersionId, answer.curve) : null,
      comparison: answer.comparison ?? null,
      schedule: answer.schedule ? Object.assign(new ScheduleRequestType(), answer.schedule) : null,
    });
  }
}

@InputType('AskInput', { description: 'A question in plain words.' })
export class AskInput {
  @Field(() => String, { description: 'The question, e.g. "what if we move 20% from TV to search?".' })
  question!: string;

  @Field(() => ID, { nullable: true, description: 'Continue this notebook (follow-ups build on its last scenario); unset = a new conversation.' })
  notebookId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Dataset id or name for a new conversation; unset = the default dataset.' })
  datasetId?: string | null;
}
