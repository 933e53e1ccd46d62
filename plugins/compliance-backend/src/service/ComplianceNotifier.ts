import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { StatusTransition } from '../database/ComplianceStore';

type NotificationPayload = NotificationSendOptions['payload'];

/** How many failures a grouped notification names before it says "and N more". */
const LISTED = 10;

function entityLink(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { name, link: `/catalog/${namespace}/${kind}/${name}/compliance` };
}

/** One check of one entity that just went from pass to fail. */
function singlePayload(transition: StatusTransition): NotificationPayload {
  const { name, link } = entityLink(transition.entityRef);
  return {
    title: `${name} now fails "${transition.title}"`,
    description: [transition.message, transition.remediation]
      .filter(Boolean)
      .join(' How to fix: '),
    link,
    severity: 'normal',
    topic: 'compliance',
    // A later failure of the same check updates this notification instead of adding one.
    scope: `compliance:${transition.entityRef}:${transition.checkId}`,
  };
}

/** Several failures found by one evaluation, e.g. all the entities of a team that lost a member. */
function groupedPayload(transitions: StatusTransition[]): NotificationPayload {
  const entities = [...new Set(transitions.map(t => t.entityRef))];
  const checks = [...new Set(transitions.map(t => t.title))];
  const lines = transitions
    .slice(0, LISTED)
    .map(t => `${entityLink(t.entityRef).name}: ${t.title}`);
  if (transitions.length > LISTED) {
    lines.push(`and ${transitions.length - LISTED} more`);
  }
  const subject =
    entities.length === 1
      ? entityLink(entities[0]).name
      : `${entities.length} of your entities`;
  return {
    title: `${subject} now fail${entities.length === 1 ? 's' : ''} ${
      checks.length === 1 ? `"${checks[0]}"` : `${checks.length} checks`
    }`,
    description: lines.join('; '),
    link:
      entities.length === 1
        ? entityLink(entities[0]).link
        : '/compliance?status=fail',
    severity: 'normal',
    topic: 'compliance',
  };
}

/**
 * Tells an entity's owner when its checks go from pass to fail: one notification per owner
 * for each evaluation that finds new failures (a team that loses a member hears once, not
 * once for each of its entities), none while a check stays failing (the store reports a
 * transition only when the status changes).
 *
 * @internal
 */
export class ComplianceNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notify(transitions: StatusTransition[]): Promise<void> {
    const byOwner = new Map<string, StatusTransition[]>();
    for (const transition of transitions) {
      if (
        transition.from !== 'pass' ||
        transition.to !== 'fail' ||
        !transition.ownerRef
      ) {
        continue;
      }
      const failures = byOwner.get(transition.ownerRef) ?? [];
      failures.push(transition);
      byOwner.set(transition.ownerRef, failures);
    }

    for (const [ownerRef, failures] of byOwner) {
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: ownerRef },
          payload:
            failures.length === 1
              ? singlePayload(failures[0])
              : groupedPayload(failures),
        });
      } catch (error) {
        // A notification that cannot be sent must not undo the evaluation that found it.
        this.logger.warn(
          `Could not notify ${ownerRef} about ${failures.length} new compliance failure(s): ${error}`,
        );
      }
    }
  }
}
