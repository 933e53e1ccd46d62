import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { StatusTransition } from '../database/ComplianceStore';

/**
 * Tells an entity's owner when one of its checks goes from pass to fail: one notification
 * per transition, none while it stays failing (the store reports a transition only when the
 * status changes).
 *
 * @internal
 */
export class ComplianceNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notify(transitions: StatusTransition[]): Promise<void> {
    for (const transition of transitions) {
      if (
        transition.from !== 'pass' ||
        transition.to !== 'fail' ||
        !transition.ownerRef
      ) {
        continue;
      }
      const { kind, namespace, name } = parseEntityRef(transition.entityRef);
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: transition.ownerRef },
          payload: {
            title: `${name} now fails "${transition.title}"`,
            description: [transition.message, transition.remediation]
              .filter(Boolean)
              .join(' How to fix: '),
            link: `/catalog/${namespace}/${kind}/${name}/compliance`,
            severity: 'normal',
            topic: 'compliance',
            scope: `compliance:${transition.entityRef}:${transition.checkId}`,
          },
        });
      } catch (error) {
        // A notification that cannot be sent must not undo the evaluation that found it.
        this.logger.warn(
          `Could not notify ${transition.ownerRef} about ${transition.entityRef} ${transition.checkId}: ${error}`,
        );
      }
    }
  }
}
