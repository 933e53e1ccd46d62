import { EmptyState } from '@backstage/core-components';

/**
 * Explains why an entity has no results yet, instead of showing an empty table that
 * would look like "all fine".
 *
 * @internal
 */
export function NotEvaluatedEmptyState(props: { action?: JSX.Element }) {
  return (
    <EmptyState
      missing="data"
      title="Not evaluated yet"
      description="Runway has not checked this entity yet. Checks run on a schedule; evaluate it now to see its results right away."
      action={props.action}
    />
  );
}
