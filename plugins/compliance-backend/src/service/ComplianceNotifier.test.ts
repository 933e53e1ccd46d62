import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { StatusTransition } from '../database/ComplianceStore';
import { ComplianceNotifier } from './ComplianceNotifier';

const transition = (
  entity: string,
  overrides: Partial<StatusTransition> = {},
): StatusTransition => ({
  entityRef: `component:default/${entity}`,
  ownerRef: 'group:default/team-a',
  checkId: 'ownership.owner-has-members',
  title: 'Owning team is staffed',
  message: 'team-a has 1 member; at least 2 are required.',
  remediation: 'Add members to team-a.',
  from: 'pass',
  to: 'fail',
  ...overrides,
});

function notifier() {
  const sent: NotificationSendOptions[] = [];
  const service = new ComplianceNotifier(
    { send: async n => void sent.push(n) },
    mockServices.logger.mock(),
  );
  return { service, sent };
}

describe('ComplianceNotifier', () => {
  it('tells the owner of a single new failure what fails and how to fix it', async () => {
    const { service, sent } = notifier();
    await service.notify([transition('checkout')]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team-a' },
        payload: expect.objectContaining({
          title: 'checkout now fails "Owning team is staffed"',
          description:
            'team-a has 1 member; at least 2 are required. How to fix: Add members to team-a.',
          link: '/catalog/default/component/checkout/compliance',
          scope:
            'compliance:component:default/checkout:ownership.owner-has-members',
        }),
      },
    ]);
  });

  it('sends each owner one notification for all the failures of an evaluation', async () => {
    const { service, sent } = notifier();
    await service.notify([
      transition('checkout'),
      transition('cart'),
      transition('storefront'),
      transition('billing', { ownerRef: 'group:default/team-b' }),
    ]);
    expect(sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: 'group:default/team-a' },
      { type: 'entity', entityRef: 'group:default/team-b' },
    ]);
    expect(sent[0].payload).toMatchObject({
      title: '3 of your entities now fail "Owning team is staffed"',
      description:
        'checkout: Owning team is staffed; cart: Owning team is staffed; storefront: Owning team is staffed',
    });
  });

  it('says nothing of checks that keep failing, recover, or fail for an entity without owner', async () => {
    const { service, sent } = notifier();
    await service.notify([
      transition('a', { from: 'fail', to: 'fail' }),
      transition('b', { from: 'fail', to: 'pass' }),
      transition('c', { from: null, to: 'fail' }),
      transition('d', { ownerRef: undefined }),
    ]);
    expect(sent).toEqual([]);
  });
});
