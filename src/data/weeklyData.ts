/**
 * Weekly marketing data as every part of the engine sees it: one row per week, in date
 * order, with the KPI, each channel's spend and each control's value. The CSV reader
 * produces it, the database loads it, the model fits on it.
 */
export interface WeeklyData {
  /** ISO dates (yyyy-mm-dd) of the weeks, ascending, 7 days apart. */
  dates: string[];
  /** Name of the KPI column (e.g. `kpi`, `revenue`). */
  kpiName: string;
  /** The KPI per week. */
  kpi: number[];
  /** Channel keys in a stable order. */
  channels: string[];
  /** Weekly spend per channel key; each array has `dates.length` entries. */
  spend: Record<string, number[]>;
  /** Control names (holidays, promotions) in a stable order. */
  controls: string[];
  /** Weekly value per control; each array has `dates.length` entries. */
  controlValues: Record<string, number[]>;
}

/** The first `weeks` weeks of a data set (all of it when it is shorter). */
export function firstWeeks(data: WeeklyData, weeks: number): WeeklyData {
  if (weeks >= data.dates.length) return data;
  const cut = <T>(xs: T[]) => xs.slice(0, Math.max(0, weeks));
  return {
    ...data,
    dates: cut(data.dates),
    kpi: cut(data.kpi),
    spend: Object.fromEntries(Object.entries(data.spend).map(([c, xs]) => [c, cut(xs)])),
    controlValues: Object.fromEntries(Object.entries(data.controlValues).map(([c, xs]) => [c, cut(xs)])),
  };
}
