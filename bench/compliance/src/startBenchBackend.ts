import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import compliancePlugin from '@runway/plugin-compliance-backend';
import { ComplianceClient } from '@runway/plugin-compliance-common';
import {
  capturingLoggerFactory,
  databasePerPluginFactory,
  type LogEntry,
  noNotificationsFactory,
  type RecordedTask,
  recordingSchedulerFactory,
} from './benchServices';
import { parseSweepLog, type SweepLog } from './parseSweepLog';
import { timed } from './measure';

/** The backend of the benchmark, as its clients and its operator see it. */
export type BenchBackend = {
  catalog: CatalogClient;
  compliance: ComplianceClient;
  /** For the catalog reads: a service principal, as the compliance plugin reads it. */
  serviceToken: string;
  /** For the compliance API: a user, as in the compliance UI. */
  userToken: string;
  /**
   * Runs the compliance plugin's scheduled `compliance-sweep` task once, as the scheduler
   * would, and returns how long it took and what the plugin logged about it.
   */
  runSweep(): Promise<{ ms: number; log: SweepLog }>;
  /** Every task the plugins scheduled, as `pluginId/taskId`; none runs unless measured. */
  scheduledTasks: string[];
  /** Tasks a plugin asked to run at once (not run). */
  triggeredTasks: string[];
  /** Warnings and errors the plugins logged so far. */
  problems(): LogEntry[];
  stop(): Promise<void>;
};

/**
 * Starts the catalog backend and the compliance plugin, as a host backend installs them
 * (their default exports), reading the catalog from `catalogFile`, each with a fresh
 * database of `databaseId`.
 */
export async function startBenchBackend(options: {
  databases: TestDatabases;
  databaseId: Parameters<TestDatabases['init']>[0];
  catalogFile: string;
}): Promise<BenchBackend> {
  const recorded = {
    tasks: [] as RecordedTask[],
    triggered: [] as string[],
  };
  const logs: LogEntry[] = [];
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      compliancePlugin,
      databasePerPluginFactory(options.databases, options.databaseId),
      recordingSchedulerFactory(recorded),
      capturingLoggerFactory(logs),
      noNotificationsFactory,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              { allow: ['Component', 'System', 'Group', 'User', 'Location'] },
            ],
            locations: [{ type: 'file', target: options.catalogFile }],
          },
          compliance: {
            // Keeps the catalog snapshot of single-entity evaluations warm for the whole
            // measurement: what is measured is the evaluation, not an occasional re-read.
            catalogIndexMaxAge: { minutes: 30 },
            // No TechDocs in this benchmark: documentation is not what it measures.
            checks: [
              {
                id: 'docs.techdocs-present',
                options: { kinds: ['NotMeasured'] },
              },
            ],
          },
        },
      }),
    ],
  });

  const sweepTask = recorded.tasks.find(
    task => task.pluginId === 'compliance' && task.id === 'compliance-sweep',
  );
  if (!sweepTask) {
    throw new Error(
      `The compliance plugin scheduled no compliance-sweep task; it scheduled ${recorded.tasks
        .map(task => `${task.pluginId}/${task.id}`)
        .join(', ')}`,
    );
  }
  const { port } = backend.server.address() as { port: number };
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://localhost:${port}/api/${pluginId}`,
  };

  return {
    catalog: new CatalogClient({ discoveryApi }),
    compliance: new ComplianceClient({ discoveryApi }),
    serviceToken: mockCredentials.service.token(),
    userToken: mockCredentials.user.token(),
    async runSweep() {
      const from = logs.length;
      const [ms] = await timed(async () =>
        sweepTask.fn(new AbortController().signal),
      );
      const log = parseSweepLog(
        logs
          .slice(from)
          .filter(e => e.pluginId === 'compliance' && e.level === 'info')
          .map(e => e.message),
      );
      return { ms, log };
    },
    scheduledTasks: recorded.tasks.map(task => `${task.pluginId}/${task.id}`),
    triggeredTasks: recorded.triggered,
    problems: () => logs.filter(e => e.level === 'error' || e.level === 'warn'),
    stop: () => backend.stop(),
  };
}
