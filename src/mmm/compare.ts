/**
 * What changed when the model changed: each channel's ROAS and marginal ROAS under a new model
 * against the previous model's figure and 90% interval. A figure outside the previous interval
 * moved by more than the previous model's own uncertainty: a marketer should hear of it.
 */
import { channelResponse, channelSummaries, currentWeeklySpend, drawMarginalRoas, INTERVAL, quantile } from './outputs';
import type { MmmModel } from './types';

export interface FigureChange {
  previous: number;
  previousLow: number;
  previousHigh: number;
  current: number;
  /** current − previous, and in percent of previous (null when previous is 0). */
  change: number;
  changePct: number | null;
  /** Whether `current` lies outside the previous model's 90% interval. */
  outside: boolean;
}

export interface ChannelModelChange {
  channel: string;
  /** ROAS over each model's observed weeks, as each model reports it. */
  roas: FigureChange;
  /** Marginal ROAS at the new model's current plan, under both models (so the spend is the same). */
  mroas: FigureChange;
}

function figureChange(previous: number, previousLow: number, previousHigh: number, current: number): FigureChange {
  const change = current - previous;
  return { previous, previousLow, previousHigh, current, change, changePct: previous !== 0 ? (100 * change) / previous : null, outside: current < previousLow || current > previousHigh };
}

/** Channels both models have, in the new model's order. */
export function compareModels(previous: MmmModel, next: MmmModel): ChannelModelChange[] {
  const before = channelSummaries(previous);
  const after = channelSummaries(next);
  const spend = currentWeeklySpend(next);
  return next.channels
    .filter((channel) => previous.channels.includes(channel))
    .map((channel) => {
      const b = before[channel];
      const mroasBefore = channelResponse(previous, channel).marginal(spend[channel]);
      const draws = drawMarginalRoas(previous, channel, spend[channel]);
      const [low, high] = draws.length > 0 ? [quantile(draws, INTERVAL.low), quantile(draws, INTERVAL.high)] : [mroasBefore, mroasBefore];
      return {
        channel,
        roas: figureChange(b.roas, b.roasLow, b.roasHigh, after[channel].roas),
        mroas: figureChange(mroasBefore, low, high, after[channel].mroas),
      };
    });
}
