import type { DataSource } from 'typeorm';
import { Channel } from '../entities';
import { channelsOf } from './datasets';
import { badInput, notFound, type Problem } from './errors';
import { isUuid } from './ids';

export interface ChannelNamingPatch {
  displayName?: string;
  aliases?: string[];
  /** null removes the channel from its group. */
  group?: string | null;
}

/**
 * Renames a channel, sets the other names the question language accepts for it, or moves
 * it to another group. A name may mean only one channel of a dataset: an alias that is
 * already another channel's key, name or alias is refused, else questions would become
 * ambiguous.
 */
export async function updateChannelNaming(ds: DataSource, channelId: string, patch: ChannelNamingPatch): Promise<Channel> {
  const repo = ds.getRepository(Channel);
  const channel = isUuid(channelId) ? await repo.findOneBy({ id: channelId }) : null;
  if (!channel) throw notFound(`No channel ${channelId}`);
  const problems: Problem[] = [];
  const displayName = patch.displayName?.trim();
  if (displayName !== undefined && (displayName.length === 0 || displayName.length > 80)) problems.push({ path: 'displayName', message: 'must be 1 to 80 characters' });
  const aliases = patch.aliases?.map((a) => a.trim());
  const others = (await channelsOf(ds, channel.datasetId)).filter((c) => c.id !== channel.id);
  const nameOwner = (name: string) => others.find((c) => [c.key, c.displayName, ...c.aliases].some((n) => n.toLowerCase() === name.toLowerCase()));
  aliases?.forEach((alias, i) => {
    if (alias.length === 0 || alias.length > 60) problems.push({ path: `aliases[${i}]`, message: 'must be 1 to 60 characters' });
    else if (aliases.findIndex((a) => a.toLowerCase() === alias.toLowerCase()) !== i) problems.push({ path: `aliases[${i}]`, message: `"${alias}" is listed twice` });
    else {
      const owner = nameOwner(alias);
      if (owner) problems.push({ path: `aliases[${i}]`, message: `"${alias}" already names channel ${owner.key}` });
    }
  });
  const displayNameOwner = displayName ? nameOwner(displayName) : undefined;
  if (displayNameOwner) problems.push({ path: 'displayName', message: `"${displayName}" already names channel ${displayNameOwner.key}` });
  const group = patch.group === undefined ? undefined : patch.group === null || patch.group.trim() === '' ? null : patch.group.trim().toLowerCase();
  if (group && !/^[a-z0-9][a-z0-9 _-]{0,39}$/.test(group)) problems.push({ path: 'group', message: 'use letters, digits, spaces, dashes or underscores (at most 40)' });
  if (problems.length > 0) throw badInput(`Cannot change channel ${channel.key}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  if (displayName !== undefined) channel.displayName = displayName;
  if (aliases !== undefined) channel.aliases = aliases;
  if (group !== undefined) channel.group = group;
  return repo.save(channel);
}
