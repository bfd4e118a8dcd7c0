import type { Channel } from '../entities';
import { channelNames, type ChannelNames } from '../language/channelNames';
import { restateScenario, type ChannelVocabulary } from '../language';
import { currentWeeklySpend, type MmmModel } from '../mmm';
import { evaluateWhatIf, runOptimization, type ScenarioResult } from '../scenarios';
import type { OptimizeSpec, WhatIfSpec } from '../scenarios/spec';

/**
 * Runs a what-if or optimization spec on a model, restated in words: the same answer whether
 * the spec came from a question (`ask`), GraphQL's typed inputs or the `mmm` command.
 */
export type ScenarioIntent = { kind: 'whatIf'; spec: WhatIfSpec } | { kind: 'optimize'; spec: OptimizeSpec };

export function computeScenario(model: MmmModel, intent: ScenarioIntent, channels: ChannelVocabulary[]): ScenarioResult {
  const result = intent.kind === 'whatIf' ? evaluateWhatIf(model, intent.spec) : runOptimization(model, intent.spec, channelGroups(channels));
  // An optimization restates the spec as run: it names the aim the plan was made for.
  result.restatement = restateScenario(result.intent.kind === 'optimize' ? result.intent : intent, { channels, currentWeeklySpend: currentWeeklySpend(model) });
  return result;
}

/** Channel keys by group ("digital": search, social, ...), for share constraints. */
export function channelGroups(channels: ChannelVocabulary[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const c of channels) if (c.group) (groups[c.group] ??= []).push(c.key);
  return groups;
}

/** A stored channel as the question language and restatements know it. */
export function vocabularyOf(c: Channel): ChannelVocabulary {
  return { key: c.key, displayName: c.displayName, aliases: c.aliases, group: c.group ?? undefined };
}

/** The names a model document's channels answer to: those it was fitted with, else derived from their keys (older documents). */
export function modelVocabulary(model: Pick<MmmModel, 'channels' | 'channelNames'>): ChannelVocabulary[] {
  return model.channels.map((key) => {
    const names: ChannelNames = model.channelNames?.[key] ?? channelNames(key);
    return { key, displayName: names.displayName, aliases: names.aliases, ...(names.group ? { group: names.group } : {}) };
  });
}
