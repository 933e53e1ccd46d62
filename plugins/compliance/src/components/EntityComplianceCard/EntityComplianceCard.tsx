import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { CheckStatus } from '@runway/plugin-compliance-common';
import { useEntityCompliance } from '../../hooks/useEntityCompliance';
import { ComplianceLevelBadge } from '../ComplianceLevelBadge';
import { CheckStatusChip } from '../CheckStatusChip';

/** The path of the entity tab, relative to the entity page (see the README). */
const TAB_PATH = 'compliance';
const COUNTED: CheckStatus[] = ['pass', 'fail', 'exempt'];

/**
 * The entity overview card: the level reached and how many checks pass, fail or are
 * exempt, with a link to the Compliance tab for the details.
 *
 * @internal
 */
export function EntityComplianceCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink();
  const { compliance, error } = useEntityCompliance(entityRef);
  const deepLink = {
    title: 'View compliance details',
    link: `${entityLink(entity).replace(/\/$/, '')}/${TAB_PATH}`,
  };

  let body: JSX.Element;
  if (compliance === undefined) {
    body = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else if (!compliance.evaluatedAt) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not evaluated yet.
      </Typography>
    );
  } else {
    const reached = compliance.levels.find(l => l.id === compliance.level);
    const count = (status: CheckStatus) =>
      compliance.results.filter(r => r.status === status).length;
    body = (
      <>
        <Box mb={2}>
          <ComplianceLevelBadge
            level={compliance.level}
            title={reached?.title}
          />
        </Box>
        <Box display="flex" flexWrap="wrap" aria-label="check counts">
          {COUNTED.map(status => (
            <Box key={status} display="flex" alignItems="center" mr={3}>
              <Box mr={1}>
                <CheckStatusChip status={status} />
              </Box>
              <Typography variant="h6" component="span">
                {count(status)}
              </Typography>
            </Box>
          ))}
        </Box>
      </>
    );
  }

  return (
    <InfoCard title="Compliance" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
