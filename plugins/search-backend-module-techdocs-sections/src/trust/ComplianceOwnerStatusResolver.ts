import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ComplianceService } from '@runway/plugin-compliance-node';
import pLimit from 'p-limit';
import type { OwnerStatus, OwnerStatusResolver } from './OwnerStatusResolver';

type CheckStatus = 'pass' | 'fail' | 'exempt' | 'not-applicable' | 'error';

/** Parallel calls to the compliance plugin during a crawl. */
const CONCURRENCY = 8;

/**
 * Owner status from Runway compliance's last evaluation of each entity, through its
 * service (`complianceServiceRef`, the plugin's HTTP API), never its tables:
 * `ownership.owner-exists` says whether the owner exists, and the owner is an active team
 * when `ownership.owner-is-group` and `ownership.owner-has-members` pass as well. An
 * exemption does not make a failing check true. An entity that compliance has not
 * evaluated, or whose results lack one of these checks, is answered from the catalog.
 */
export class ComplianceOwnerStatusResolver implements OwnerStatusResolver {
  readonly #compliance: ComplianceService;
  readonly #auth: AuthService;
  readonly #fallback: OwnerStatusResolver;
  readonly #logger: LoggerService;

  constructor(options: {
    compliance: ComplianceService;
    auth: AuthService;
    fallback: OwnerStatusResolver;
    logger: LoggerService;
  }) {
    this.#compliance = options.compliance;
    this.#auth = options.auth;
    this.#fallback = options.fallback;
    this.#logger = options.logger;
  }

  async resolve(entities: Entity[]): Promise<Map<string, OwnerStatus>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const limit = pLimit(CONCURRENCY);
    const statuses = new Map<string, OwnerStatus>();
    const unanswered: Entity[] = [];
    let failures = 0;
    await Promise.all(
      entities.map(entity =>
        limit(async () => {
          const entityRef = stringifyEntityRef(entity);
          try {
            const { results } = await this.#compliance.getEntityCompliance(
              entityRef,
              { credentials },
            );
            const status = (checkId: string) =>
              results.find(r => r.checkId === checkId)?.status as
                | CheckStatus
                | undefined;
            const answer = fromChecks(
              status('ownership.owner-exists'),
              status('ownership.owner-is-group'),
              status('ownership.owner-has-members'),
            );
            if (answer) statuses.set(entityRef, answer);
            else unanswered.push(entity);
          } catch {
            failures += 1;
            unanswered.push(entity);
          }
        }),
      ),
    );
    if (failures) {
      this.#logger.info(
        `Compliance had no owner status for ${failures} of ${entities.length} entities; the catalog answered for them`,
      );
    }
    if (unanswered.length) {
      for (const [ref, status] of await this.#fallback.resolve(unanswered)) {
        statuses.set(ref, status);
      }
    }
    return statuses;
  }
}

/** Undefined when the checks do not settle the question (not run, or could not run). */
function fromChecks(
  ownerExists: CheckStatus | undefined,
  ownerIsGroup: CheckStatus | undefined,
  ownerHasMembers: CheckStatus | undefined,
): OwnerStatus | undefined {
  if (ownerExists !== 'pass') {
    return ownerExists === 'fail' || ownerExists === 'exempt'
      ? { ownerExists: false, ownerIsActiveTeam: false, source: 'compliance' }
      : undefined;
  }
  const team = [ownerIsGroup, ownerHasMembers];
  if (team.some(s => s === 'fail' || s === 'exempt')) {
    return {
      ownerExists: true,
      ownerIsActiveTeam: false,
      source: 'compliance',
    };
  }
  // owner-has-members is not applicable when the owner is not a Group.
  if (ownerIsGroup === 'pass' && ownerHasMembers === 'pass') {
    return { ownerExists: true, ownerIsActiveTeam: true, source: 'compliance' };
  }
  return undefined;
}
