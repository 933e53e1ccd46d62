import type { components, operations } from './schema/openapi';

/** A build of a component that CI registered. @public */
export type DeploymentVersion = components['schemas']['Version'];

/** What CI sends to register a version. @public */
export type DeploymentVersionInput = components['schemas']['VersionInput'];

/** The answer to a registration: `created` is false when it was registered before. @public */
export type DeploymentVersionRegistration =
  components['schemas']['VersionRegistration'];

/** One past deployment to import. @public */
export type ImportedDeployment = components['schemas']['ImportedDeployment'];

/** How many deployments an import stored, and how many it had already. @public */
export type HistoryImportResult = components['schemas']['HistoryImportResult'];

/** A deployment of a version of an entity to one stage. @public */
export type DeploymentRun = components['schemas']['Run'];

/** A page of runs, newest first. @public */
export type DeploymentRunList = components['schemas']['RunList'];

/** The filters and paging of the run list. @public */
export type DeploymentRunQuery = NonNullable<
  operations['ListRuns']['parameters']['query']
>;

/** The four DORA figures, the counts they come from and their bands. @public */
export type DoraMetrics = components['schemas']['DoraMetrics'];

/** What DORA figures are asked for: one entity, a group with its sub-groups, or all. @public */
export type DoraMetricsQuery = NonNullable<
  operations['GetDoraMetrics']['parameters']['query']
>;

/** One row of the hash-chained audit trail. @public */
export type DeploymentAuditEvent = components['schemas']['AuditEvent'];

/** Which audit rows to export. @public */
export type DeploymentAuditQuery = {
  entityRef?: string;
  from?: string;
  to?: string;
};

/** The outcome of recomputing the audit chain. @public */
export type DeploymentAuditVerification =
  components['schemas']['AuditVerification'];
