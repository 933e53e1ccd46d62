import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import type { HistoryEntry } from '@runway/plugin-compliance-common';
import { formatDateTime } from '../../lib/format';
import { CheckStatusChip } from '../CheckStatusChip';

/**
 * Every status change of the entity's checks, newest first, down to its first evaluation
 * (which the history has no entry for: a first result is not a change).
 *
 * @internal
 */
export function ComplianceHistoryTimeline(props: {
  history: HistoryEntry[];
  checkTitle: (checkId: string) => string;
  /** ISO 8601: when the entity was first evaluated. */
  firstEvaluatedAt?: string;
}) {
  const { history, checkTitle, firstEvaluatedAt } = props;
  if (history.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {firstEvaluatedAt
          ? `No status has changed since the first evaluation on ${formatDateTime(
              firstEvaluatedAt,
            )}.`
          : 'No status changes have been recorded yet.'}
      </Typography>
    );
  }
  const newestFirst = [...history].sort((a, b) =>
    b.changedAt.localeCompare(a.changedAt),
  );
  const last = firstEvaluatedAt ? newestFirst.length : newestFirst.length - 1;
  return (
    <Timeline aria-label="compliance history">
      {newestFirst.map((entry, index) => (
        <TimelineItem key={`${entry.checkId}-${entry.changedAt}-${index}`}>
          <TimelineOppositeContent>
            <Typography variant="body2" color="textSecondary">
              {formatDateTime(entry.changedAt)}
            </Typography>
          </TimelineOppositeContent>
          <TimelineSeparator>
            <TimelineDot />
            {index < last && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2">{checkTitle(entry.checkId)}</Typography>
            <Box display="flex" alignItems="center" flexWrap="wrap">
              {entry.fromStatus === null ? (
                <Typography variant="body2" color="textSecondary">
                  First result:&nbsp;
                </Typography>
              ) : (
                <>
                  <CheckStatusChip status={entry.fromStatus} />
                  <Typography variant="body2" component="span">
                    &nbsp;→&nbsp;
                  </Typography>
                </>
              )}
              <CheckStatusChip status={entry.toStatus} />
            </Box>
          </TimelineContent>
        </TimelineItem>
      ))}
      {firstEvaluatedAt && (
        <TimelineItem>
          <TimelineOppositeContent>
            <Typography variant="body2" color="textSecondary">
              {formatDateTime(firstEvaluatedAt)}
            </Typography>
          </TimelineOppositeContent>
          <TimelineSeparator>
            <TimelineDot variant="outlined" />
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2">First evaluated</Typography>
          </TimelineContent>
        </TimelineItem>
      )}
    </Timeline>
  );
}
