/**
 * The four DORA metrics, by the names the API uses.
 *
 * @public
 */
export type DoraMetricId =
  | 'deploymentFrequency'
  | 'leadTimeForChanges'
  | 'changeFailureRate'
  | 'timeToRestore';

/**
 * A DORA performance band, best first.
 *
 * @public
 */
export type DoraBandId = 'elite' | 'high' | 'medium' | 'low';

/** Every {@link DoraBandId}, best first. @public */
export const DORA_BAND_IDS: readonly DoraBandId[] = [
  'elite',
  'high',
  'medium',
  'low',
];

/**
 * Exactly how Runway computes each figure from its own records (imported history
 * included), for the UI and the docs to show. The backend implements these sentences; a
 * test recomputes them independently from the same rows.
 *
 * @public
 */
export const DORA_DEFINITIONS: Readonly<
  Record<DoraMetricId | 'productionDeployment', string>
> = {
  productionDeployment:
    'A production deployment is a finished run (succeeded or failed) of the production stage, imported ones included, counted in the window its finish time falls in. "The next production deployment" of a component is the one that finished next (ties broken by run id), whether or not it finished inside the window.',
  deploymentFrequency:
    'Successful production deployments per day over the window (their number divided by the window length in days).',
  leadTimeForChanges:
    'The median, over successful non-rollback production deployments, of the finish time minus the commit time of the deployed version, in hours.',
  changeFailureRate:
    'Failed production deployments plus successful ones that the next production deployment of the same component rolls back (is marked as a rollback), over all production deployments.',
  timeToRestore:
    'The median, over those change failures, of the finish of the next successful production deployment of that component minus the finish of the failure, in hours. A failure not followed by a successful deployment yet is not counted.',
};

/**
 * The boundaries of one metric's bands. For a metric where more is better (deployment
 * frequency) a band holds values at least its bound; where less is better, values at most
 * its bound. A value beyond the medium band is `low`.
 *
 * @public
 */
export type DoraBandBounds = {
  better: 'higher' | 'lower';
  /** The unit of the bounds, as the API gives the figure. */
  unit: 'per day' | 'hours' | 'ratio';
  elite: number;
  high: number;
  medium: number;
};

/**
 * The DORA performance bands, after the clusters of the 2023 Accelerate State of DevOps
 * Report (elite, high, medium, low), with contiguous bounds where the report's ranges
 * overlap or leave gaps:
 *
 * - deployment frequency: elite at least daily (on demand), high at least weekly, medium
 *   at least monthly (30 days), low less often;
 * - lead time for changes: elite at most a day, high at most a week, medium at most 30
 *   days, low longer;
 * - change failure rate: elite at most 5 %, high at most 10 %, medium at most 15 %, low
 *   more;
 * - time to restore: elite at most an hour, high at most a day, medium at most a week, low
 *   longer.
 *
 * @public
 */
export const DORA_BANDS: Readonly<Record<DoraMetricId, DoraBandBounds>> = {
  deploymentFrequency: {
    better: 'higher',
    unit: 'per day',
    elite: 1,
    high: 1 / 7,
    medium: 1 / 30,
  },
  leadTimeForChanges: {
    better: 'lower',
    unit: 'hours',
    elite: 24,
    high: 24 * 7,
    medium: 24 * 30,
  },
  changeFailureRate: {
    better: 'lower',
    unit: 'ratio',
    elite: 0.05,
    high: 0.1,
    medium: 0.15,
  },
  timeToRestore: {
    better: 'lower',
    unit: 'hours',
    elite: 1,
    high: 24,
    medium: 24 * 7,
  },
};

/**
 * The band of a figure, or null when there is no figure (no deployments to compute it
 * from).
 *
 * @public
 */
export function doraBand(
  metric: DoraMetricId,
  value: number | null | undefined,
): DoraBandId | null {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return null;
  }
  const bounds = DORA_BANDS[metric];
  const within = (bound: number) =>
    bounds.better === 'higher' ? value >= bound : value <= bound;
  if (within(bounds.elite)) return 'elite';
  if (within(bounds.high)) return 'high';
  if (within(bounds.medium)) return 'medium';
  return 'low';
}
