/*
 * Service factories that let the benchmark watch and drive the compliance plugin from the
 * outside, as any host backend could: it runs the plugin's scheduled sweep itself, reads the
 * sweep's own log line, and gives each plugin a database of its own.
 */
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';

/** A task as a plugin scheduled it, with the plugin that did. */
export type RecordedTask = SchedulerServiceTaskInvocationDefinition &
  SchedulerServiceTaskScheduleDefinition & { pluginId: string };

/**
 * A scheduler that runs nothing by itself: it records what each plugin schedules, so that
 * the benchmark runs exactly the task it measures, when it measures it, and nothing else
 * (no catch-up, reconcile or expiry in between). A task that a plugin triggers is recorded
 * too, and not run.
 */
export function recordingSchedulerFactory(recorded: {
  tasks: RecordedTask[];
  triggered: string[];
}) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): SchedulerService {
      const pluginId = plugin.getId();
      const scheduleTask: SchedulerService['scheduleTask'] = async task => {
        recorded.tasks.push({ ...task, pluginId });
      };
      return {
        scheduleTask,
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
        triggerTask: async id => {
          recorded.triggered.push(`${pluginId}/${id}`);
        },
        cancelTask: async () => {},
        getScheduledTasks: async () =>
          recorded.tasks
            .filter(task => task.pluginId === pluginId)
            .map(task => ({
              id: task.id,
              scope: task.scope ?? 'global',
              settings: { version: 1 },
            })),
      };
    },
  });
}

/** A message a plugin logged. */
export type LogEntry = {
  pluginId: string;
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
};

/** Plugin loggers that keep every message in `entries` and print nothing. */
export function capturingLoggerFactory(entries: LogEntry[]) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): LoggerService {
      const pluginId = plugin.getId();
      const at =
        (level: LogEntry['level']) =>
        (message: string): void =>
          void entries.push({ pluginId, level, message });
      const logger: LoggerService = {
        error: at('error'),
        warn: at('warn'),
        info: at('info'),
        debug: at('debug'),
        child: () => logger,
      };
      return logger;
    },
  });
}

/** A fresh, empty database for each plugin (each runs its own migrations). */
export function databasePerPluginFactory(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      return mockServices.database({ knex: await databases.init(databaseId) });
    },
  });
}

/** Notifications to owners go nowhere: the benchmark measures evaluation, not delivery. */
export const noNotificationsFactory = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send: async () => {} }),
});
