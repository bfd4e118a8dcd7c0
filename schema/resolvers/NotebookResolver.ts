import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Scenario } from '../../src/entities';
import { answerQuestion } from '../../src/services/ask';
import { renderAnswerText } from '../../src/services/answerText';
import { getDataset } from '../../src/services/datasets';
import { notFound } from '../../src/services/errors';
import type { GraphQLContext } from '../context';
import { knownId } from '../ids';
import { notebookPage, scenarioPage } from '../lists';
import { asList, PageArgs } from '../pagination';
import { AnswerType, AskInput } from '../types/AskAnswerType';
import { DatasetType } from '../types/DatasetType';
import { ModelVersionType } from '../types/ModelVersionType';
import { NotebookType } from '../types/NotebookType';
import { ScenarioType } from '../types/ScenarioType';
import { SCENARIO_COMPLEXITY } from '../limits';

@Resolver(() => NotebookType)
export class NotebookResolver {
  @Authorized('viewer')
  @Query(() => NotebookType, { description: 'One notebook (conversation).' })
  async notebook(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Notebook id.' }) id: string): Promise<NotebookType> {
    const row = await ctx.loaders.notebook.load(knownId(id, 'notebook'));
    if (!row) throw notFound(`No notebook ${id}`);
    return NotebookType.from(row);
  }

  @Authorized('viewer')
  @Query(() => [NotebookType], { description: 'Notebooks (Slack threads and API sessions), newest first.' })
  async notebooks(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset (id or name).' }) datasetId?: string | null,
  ): Promise<NotebookType[]> {
    const dataset = datasetId ? await getDataset(ctx.app.ds, datasetId) : null;
    return asList(await notebookPage(ctx.app.ds, { datasetId: dataset?.id }, page), NotebookType.from);
  }

  @Authorized('analyst')
  @Mutation(() => AnswerType, {
    complexity: SCENARIO_COMPLEXITY,
    description: 'Asks a question in plain words and gets the answer Slack would give. Pass the answer’s notebookId back for follow-ups ("and with 30%?").',
  })
  async ask(@Ctx() ctx: GraphQLContext, @Arg('input', () => AskInput, { description: 'The question and its conversation.' }) input: AskInput): Promise<AnswerType> {
    const answered = await answerQuestion(ctx.app, {
      text: input.question,
      dataset: input.datasetId ?? undefined,
      conversation: input.notebookId ? { kind: 'notebook', notebookId: knownId(input.notebookId, 'notebook') } : { kind: 'new', source: 'api' },
      askedBy: `api:${ctx.caller.keyId}`,
      signal: ctx.signal,
    });
    return AnswerType.from(answered);
  }

  @FieldResolver(() => DatasetType, { description: 'The dataset the conversation is about.' })
  async dataset(@Root() notebook: NotebookType, @Ctx() ctx: GraphQLContext): Promise<DatasetType> {
    const row = await ctx.loaders.dataset.load(notebook.datasetId);
    if (!row) throw new Error(`notebook ${notebook.id} names a dataset that does not exist`);
    return DatasetType.from(row);
  }

  @FieldResolver(() => [ScenarioType], { description: 'Its scenarios in conversation order.' })
  async scenarios(@Root() notebook: NotebookType, @Ctx() ctx: GraphQLContext, @Args(() => PageArgs) page: PageArgs): Promise<ScenarioType[]> {
    return asList(await scenarioPage(ctx.app.ds, { notebookId: notebook.id }, page), ScenarioType.from);
  }
}

@Resolver(() => AnswerType)
export class AnswerResolver {
  @FieldResolver(() => NotebookType, { description: 'The notebook of the conversation.' })
  async notebook(@Root() answer: AnswerType, @Ctx() ctx: GraphQLContext): Promise<NotebookType> {
    const row = await ctx.loaders.notebook.load(answer.notebookId);
    if (!row) throw new Error(`answer names notebook ${answer.notebookId}, which does not exist`);
    return NotebookType.from(row);
  }

  @FieldResolver(() => ScenarioType, { nullable: true, description: 'SCENARIO and UNDO: the scenario, with its result.' })
  async scenario(@Root() answer: AnswerType, @Ctx() ctx: GraphQLContext): Promise<ScenarioType | null> {
    const row = answer.scenarioId ? await ctx.app.ds.getRepository(Scenario).findOneBy({ id: answer.scenarioId }) : null;
    return row ? ScenarioType.from(row) : null;
  }

  @FieldResolver(() => String, { description: 'The whole answer in plain text: what `mmm ask` prints and Slack shows (its Block Kit has the same words and figures).' })
  async text(@Root() answer: AnswerType): Promise<string> {
    return renderAnswerText(answer.source, answer.context);
  }

  @FieldResolver(() => ModelVersionType, { description: 'The model version that answered (its metrics answer MODEL_QUALITY and LAST_TRAINED).' })
  async model(@Root() answer: AnswerType, @Ctx() ctx: GraphQLContext): Promise<ModelVersionType> {
    const row = await ctx.loaders.modelVersion.load(answer.modelVersionId);
    if (!row) throw new Error(`answer names model version ${answer.modelVersionId}, which does not exist`);
    return ModelVersionType.from(row);
  }
}
