import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Scenario } from '../../src/entities';
import type { Intent } from '../../src/scenarios';
import { channelGroups } from '../../src/services/computeScenario';
import { getDataset } from '../../src/services/datasets';
import { notFound } from '../../src/services/errors';
import { runTypedScenario } from '../../src/services/scenarios';
import type { GraphQLContext } from '../context';
import { optimizeComplexity, SCENARIO_COMPLEXITY } from '../limits';
import { knownId } from '../ids';
import { optimizeSpecFrom, whatIfSpecFrom, type SpecVocabulary } from '../inputs/scenarioSpec';
import { OptimizeInput, WhatIfInput } from '../inputs/ScenarioInputs';
import { scenarioPage } from '../lists';
import { asList, PageArgs } from '../pagination';
import { ModelVersionType } from '../types/ModelVersionType';
import { NotebookType } from '../types/NotebookType';
import { ScenarioResultType, ScenarioType } from '../types/ScenarioType';


@Resolver(() => ScenarioType)
export class ScenarioResolver {
  @Authorized('viewer')
  @Query(() => ScenarioType, { description: 'One scenario that was run.' })
  async scenario(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'Scenario id.' }) id: string): Promise<ScenarioType> {
    const row = await ctx.app.ds.getRepository(Scenario).findOneBy({ id: knownId(id, 'scenario') });
    if (!row) throw notFound(`No scenario ${id}`);
    return ScenarioType.from(row);
  }

  @Authorized('viewer')
  @Query(() => [ScenarioType], { description: 'Scenarios that were run: of a notebook in conversation order, otherwise newest first.' })
  async scenarios(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('datasetId', () => ID, { nullable: true, description: 'Only this dataset (id or name).' }) datasetId?: string | null,
    @Arg('notebookId', () => ID, { nullable: true, description: 'Only this notebook.' }) notebookId?: string | null,
  ): Promise<ScenarioType[]> {
    const dataset = datasetId ? await getDataset(ctx.app.ds, datasetId) : null;
    return asList(await scenarioPage(ctx.app.ds, { datasetId: dataset?.id, notebookId: notebookId ? knownId(notebookId, 'notebook') : null }, page), ScenarioType.from);
  }

  @Authorized('analyst')
  @Mutation(() => ScenarioType, { complexity: SCENARIO_COMPLEXITY, description: 'Runs a what-if on the production model and stores it.' })
  async runWhatIf(@Ctx() ctx: GraphQLContext, @Arg('input', () => WhatIfInput, { description: 'The changes to today’s plan.' }) input: WhatIfInput): Promise<ScenarioType> {
    return runScenario(ctx, input, (vocabulary) => ({ kind: 'whatIf', spec: whatIfSpecFrom(input, vocabulary) }));
  }

  @Authorized('analyst')
  @Mutation(() => ScenarioType, { complexity: optimizeComplexity, description: 'Finds the best plan under the constraints on the production model, and stores it as a scenario.' })
  async optimizeBudget(@Ctx() ctx: GraphQLContext, @Arg('input', () => OptimizeInput, { description: 'The aim and the constraints.' }) input: OptimizeInput): Promise<ScenarioType> {
    return runScenario(ctx, input, (vocabulary) => ({ kind: 'optimize', spec: optimizeSpecFrom(input, vocabulary) }));
  }

  @FieldResolver(() => ScenarioResultType, { description: 'What the model predicts.' })
  async result(@Root() scenario: ScenarioType, @Ctx() ctx: GraphQLContext): Promise<ScenarioResultType> {
    const channels = await ctx.loaders.channelsOfDataset.load(scenario.datasetId);
    return ScenarioResultType.from(scenario.storedResult, channels.map((c) => c.key));
  }

  @FieldResolver(() => ModelVersionType, { description: 'The model version that computed it.' })
  async model(@Root() scenario: ScenarioType, @Ctx() ctx: GraphQLContext): Promise<ModelVersionType> {
    const row = await ctx.loaders.modelVersion.load(scenario.modelVersionId);
    if (!row) throw new Error(`scenario ${scenario.id} names a model version that does not exist`);
    return ModelVersionType.from(row);
  }

  @FieldResolver(() => NotebookType, { nullable: true, description: 'The notebook it belongs to, if any.' })
  async notebook(@Root() scenario: ScenarioType, @Ctx() ctx: GraphQLContext): Promise<NotebookType | null> {
    const row = scenario.notebookId ? await ctx.loaders.notebook.load(scenario.notebookId) : null;
    return row ? NotebookType.from(row) : null;
  }
}

/** A typed scenario through the service (src/services/scenarios.ts), its input read against the model's channels. */
async function runScenario(
  ctx: GraphQLContext,
  input: { datasetId?: string | null; notebookId?: string | null },
  specOf: (vocabulary: SpecVocabulary) => Extract<Intent, { kind: 'whatIf' | 'optimize' }>,
): Promise<ScenarioType> {
  const { scenario, setup } = await runTypedScenario(
    ctx.app,
    { datasetId: input.datasetId, notebookId: input.notebookId ? knownId(input.notebookId, 'notebook') : null, askedBy: `api:${ctx.caller.keyId}`, signal: ctx.signal },
    ({ model, vocabulary }) => specOf({ channels: model.channels, names: vocabulary, groups: Object.keys(channelGroups(vocabulary)), controls: model.controls }),
  );
  // The answer's fields read the channels again through the loader.
  ctx.loaders.channelsOfDataset.prime(setup.dataset.id, setup.channels);
  return ScenarioType.from(scenario);
}
