import { orgTree } from '../../testing/reportFixtures';
import { flattenGroups } from './flattenGroups';

describe('flattenGroups', () => {
  it('lists the groups in tree order with their depth', () => {
    expect(flattenGroups(orgTree()).map(g => [g.title, g.depth])).toEqual([
      ['ACME', 0],
      ['Payments', 1],
      ['Payments EU', 2],
      ['Billing', 1],
    ]);
  });
});
