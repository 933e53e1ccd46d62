import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';

/** A scorecard level: a set of required checks. @internal */
export type LevelDefinition = { id: string; title: string; checks: string[] };

/** A check whose results CI pushes. @internal */
export type ExternalCheckDefinition = {
  id: string;
  title: string;
  description: string;
  /** Kinds it applies to (lower-case). */
  kinds: string[];
  /** After this long without a new result, the last one no longer counts. */
  staleAfterMs: number;
};

/**
 * What a deploy to each environment requires. Environments are matched case-insensitively;
 * a level of `null` (configured as `none`) requires nothing, and an environment not named
 * gets `defaultLevel`, or none at all: the gate then refuses to answer.
 *
 * @internal
 */
export type GateConfig = {
  /** By lower-case environment name: the name as configured and the level it requires. */
  environments: Map<string, { name: string; level: string | null }>;
  defaultLevel?: string;
};

/** The gate configuration value that says an environment requires no level. */
const NO_LEVEL = 'none';

/** Everything the plugin reads from `compliance.*`. @internal */
export type ComplianceConfig = {
  levels: LevelDefinition[];
  /** The deploy gate: what each environment requires. */
  gate: GateConfig;
  checkOptions: Record<string, Record<string, unknown>>;
  /** Entity kinds that are evaluated (lower-case). */
  kinds: string[];
  maxExemptionDays: number;
  externalChecks: ExternalCheckDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How old the catalog index used by single-entity evaluations may be. */
  catalogIndexMaxAgeMs: number;
  /** Re-evaluation when the catalog announces a change (catalog module entity-changes). */
  evaluateOnChange: {
    enabled: boolean;
    /** Wait after the first change of a batch, so that the catalog has stored it. */
    delayMs: number;
    /** When deletions, which the catalog does not announce, are looked for. */
    reconcile: SchedulerServiceTaskScheduleDefinition;
    /** How soon after start what changed while no event was handled is evaluated. */
    catchUpDelayMs: number;
  };
};

const DEFAULT_LEVELS: LevelDefinition[] = [
  {
    id: 'bronze',
    title: 'Bronze',
    checks: ['ownership.owner-declared', 'ownership.owner-exists'],
  },
  {
    id: 'silver',
    title: 'Silver',
    checks: [
      'ownership.owner-is-group',
      'ownership.owner-has-members',
      'ownership.system-assigned',
      'metadata.lifecycle-valid',
    ],
  },
  {
    id: 'gold',
    title: 'Gold',
    checks: [
      'ownership.owner-in-hierarchy',
      'ownership.codeowners-match',
      'docs.techdocs-present',
    ],
  },
];

/**
 * Reads and validates `compliance.*`. A bad value stops the backend at start with a
 * message naming the key.
 *
 * @internal
 */
export function readComplianceConfig(root: Config): ComplianceConfig {
  const config = root.getOptionalConfig('compliance');

  const levels =
    config?.getOptionalConfigArray('levels')?.map(level => ({
      id: level.getString('id'),
      title: level.getOptionalString('title') ?? level.getString('id'),
      checks: level.getStringArray('checks'),
    })) ?? DEFAULT_LEVELS;
  const levelIds = new Set(levels.map(l => l.id));
  if (levelIds.size !== levels.length) {
    throw new Error('compliance.levels: level ids must be unique');
  }

  const gate = readGateConfig(config, levels);

  // A list rather than a map keyed by check id: config keys cannot contain the dots of ids.
  const checkOptions: Record<string, Record<string, unknown>> = {};
  for (const entry of config?.getOptionalConfigArray('checks') ?? []) {
    checkOptions[entry.getString('id')] =
      (entry.getOptionalConfig('options')?.get() as Record<string, unknown>) ??
      {};
  }

  const maxExemptionDays =
    config?.getOptionalNumber('exemptions.maxDays') ?? 90;
  if (!(maxExemptionDays > 0)) {
    throw new Error('compliance.exemptions.maxDays must be a positive number');
  }

  const externalChecks =
    config?.getOptionalConfigArray('externalChecks')?.map(check => ({
      id: check.getString('id'),
      title: check.getString('title'),
      description: check.getOptionalString('description') ?? '',
      kinds: (check.getOptionalStringArray('kinds') ?? ['Component']).map(k =>
        k.toLocaleLowerCase('en-US'),
      ),
      staleAfterMs: durationToMilliseconds(
        (check.getOptional('staleAfter') as HumanDuration | undefined) ?? {
          days: 7,
        },
      ),
    })) ?? [];

  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 10 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      };

  const catalogIndexMaxAgeMs = config?.has('catalogIndexMaxAge')
    ? durationToMilliseconds(config.get('catalogIndexMaxAge') as HumanDuration)
    : 10_000;

  const evaluateOnChange = {
    enabled: config?.getOptionalBoolean('evaluateOnChange.enabled') ?? true,
    // readDurationFromConfig: '5s' and ISO strings too, and a bad value names the key.
    delayMs: config?.has('evaluateOnChange.delay')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'evaluateOnChange.delay' }),
        )
      : 5_000,
    // Cheap (one catalog read, writes only for deletions), hence much more often than the
    // sweep; the initial delay leaves the start to the first sweep.
    reconcile: config?.has('evaluateOnChange.reconcile')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('evaluateOnChange.reconcile'),
        )
      : {
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 2 },
        },
    catchUpDelayMs: config?.has('evaluateOnChange.catchUpDelay')
      ? durationToMilliseconds(
          readDurationFromConfig(config, {
            key: 'evaluateOnChange.catchUpDelay',
          }),
        )
      : 10_000,
  };
  if (!(evaluateOnChange.delayMs >= 0)) {
    throw new Error('compliance.evaluateOnChange.delay must not be negative');
  }
  if (!(evaluateOnChange.catchUpDelayMs >= 1000)) {
    // It is also how often the catch-up task comes due (see plugin.ts).
    throw new Error(
      'compliance.evaluateOnChange.catchUpDelay must be at least 1 second',
    );
  }

  return {
    catalogIndexMaxAgeMs,
    evaluateOnChange,
    levels,
    gate,
    checkOptions,
    kinds: (
      config?.getOptionalStringArray('kinds') ?? [
        'Component',
        'API',
        'Resource',
        'System',
      ]
    ).map(k => k.toLocaleLowerCase('en-US')),
    maxExemptionDays,
    externalChecks,
    schedule,
  };
}

/**
 * Reads `compliance.gate`. Without `environments`, production requires the second level
 * (the first when there is one) and nothing else is configured.
 */
function readGateConfig(
  config: Config | undefined,
  levels: LevelDefinition[],
): GateConfig {
  const levelIds = levels.map(l => l.id);
  const levelAt = (key: string, value: string) => {
    if (value === NO_LEVEL) return null;
    if (!levelIds.includes(value)) {
      throw new Error(
        `compliance.gate.${key}: unknown level '${value}', expected one of ${[
          ...levelIds,
          NO_LEVEL,
        ].join(', ')}`,
      );
    }
    return value;
  };

  const environments: GateConfig['environments'] = new Map();
  const environmentsConfig = config?.getOptionalConfig('gate.environments');
  for (const name of environmentsConfig?.keys() ?? []) {
    const key = name.toLocaleLowerCase('en-US');
    if (environments.has(key)) {
      throw new Error(
        `compliance.gate.environments: '${name}' and '${
          environments.get(key)!.name
        }' differ only in case; environments are matched case-insensitively`,
      );
    }
    const level = levelAt(
      `environments.${name}`,
      environmentsConfig!.getString(name),
    );
    environments.set(key, { name, level });
  }
  if (!environmentsConfig && levels.length) {
    environments.set('production', {
      name: 'production',
      level: levels[Math.min(1, levels.length - 1)].id,
    });
  }

  const defaultValue = config?.getOptionalString('gate.defaultLevel');
  const defaultLevel =
    defaultValue === undefined
      ? undefined
      : levelAt('defaultLevel', defaultValue);
  if (defaultLevel === null) {
    throw new Error(
      "compliance.gate.defaultLevel: 'none' would let every unknown environment through; name a level or leave it out",
    );
  }
  return { environments, defaultLevel };
}
