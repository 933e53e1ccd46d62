import type {
  CheckResult,
  EntityCompliance,
} from '@runway/plugin-compliance-common';
import { explainCompliance } from './explainCompliance';

const at = '2026-11-20T10:00:00.000Z';

const result = (
  checkId: string,
  status: CheckResult['status'],
  remediation?: string,
): CheckResult => ({
  checkId,
  title: checkId,
  status,
  message: `${checkId} is ${status}`,
  ...(remediation ? { remediation } : {}),
  evaluatedAt: at,
});

const levels = (achieved: boolean[]): EntityCompliance['levels'] =>
  [
    { id: 'bronze', title: 'Bronze', checks: ['owner-declared'] },
    { id: 'silver', title: 'Silver', checks: ['has-members', 'lifecycle'] },
    { id: 'gold', title: 'Gold', checks: ['docs'] },
  ].map((level, i) => ({ ...level, achieved: achieved[i] }));

const compliance = (
  overrides: Partial<EntityCompliance>,
): EntityCompliance => ({
  entityRef: 'component:default/payments-api',
  ownerRef: 'group:default/team-payments',
  level: null,
  levels: levels([false, false, false]),
  results: [],
  exemptions: [],
  history: [],
  evaluatedAt: at,
  ...overrides,
});

describe('explainCompliance', () => {
  it('names what the next level needs, with the reason of each check', () => {
    const explained = explainCompliance(
      compliance({
        level: 'bronze',
        levels: levels([true, false, false]),
        results: [
          result('owner-declared', 'pass'),
          result('has-members', 'fail', 'Add a second member'),
          result('lifecycle', 'exempt'),
          result('docs', 'fail', 'Publish docs'),
          result('not-in-a-level', 'pass'),
        ],
      }),
    );
    expect(explained.nextLevel).toEqual({
      id: 'silver',
      title: 'Silver',
      unmetChecks: ['has-members'],
    });
    expect(explained.summary).toBe(
      'component:default/payments-api is at level bronze; silver also needs has-members (fail).',
    );
    expect(explained.checks).toEqual([
      {
        checkId: 'owner-declared',
        title: 'owner-declared',
        status: 'pass',
        message: 'owner-declared is pass',
        requiredFor: 'bronze',
      },
      {
        checkId: 'has-members',
        title: 'has-members',
        status: 'fail',
        message: 'has-members is fail',
        remediation: 'Add a second member',
        requiredFor: 'silver',
      },
      expect.objectContaining({ checkId: 'lifecycle', requiredFor: 'silver' }),
      expect.objectContaining({ checkId: 'docs', requiredFor: 'gold' }),
      {
        checkId: 'not-in-a-level',
        title: 'not-in-a-level',
        status: 'pass',
        message: 'not-in-a-level is pass',
      },
    ]);
  });

  it('counts a required check without a result as unmet', () => {
    const explained = explainCompliance(
      compliance({ results: [result('has-members', 'pass')] }),
    );
    expect(explained.level).toBeNull();
    expect(explained.nextLevel).toEqual({
      id: 'bronze',
      title: 'Bronze',
      unmetChecks: ['owner-declared'],
    });
    expect(explained.summary).toBe(
      'component:default/payments-api reaches no level; bronze also needs owner-declared (no result).',
    );
  });

  it('says when every level is reached', () => {
    const explained = explainCompliance(
      compliance({ level: 'gold', levels: levels([true, true, true]) }),
    );
    expect(explained.nextLevel).toBeNull();
    expect(explained.summary).toBe(
      'component:default/payments-api is at level gold, the highest there is.',
    );
  });

  it('says when the entity was never evaluated', () => {
    const explained = explainCompliance(compliance({ evaluatedAt: undefined }));
    expect(explained.evaluated).toBe(false);
    expect(explained).not.toHaveProperty('evaluatedAt');
    expect(explained.summary).toMatch(/has not been evaluated yet/);
  });

  it('keeps only pending and approved exemptions', () => {
    const exemption = (id: string, status: any) => ({
      id,
      entityRef: 'component:default/payments-api',
      checkId: 'has-members',
      reason: 'Hiring',
      status,
      requestedBy: 'user:default/alice',
      requestedAt: at,
      expiresAt: at,
    });
    const explained = explainCompliance(
      compliance({
        exemptions: [
          exemption('1', 'pending'),
          exemption('2', 'approved'),
          exemption('3', 'rejected'),
          exemption('4', 'expired'),
        ],
      }),
    );
    expect(explained.exemptions).toEqual([
      {
        id: '1',
        checkId: 'has-members',
        status: 'pending',
        requestedBy: 'user:default/alice',
        expiresAt: at,
      },
      expect.objectContaining({ id: '2', status: 'approved' }),
    ]);
  });
});
