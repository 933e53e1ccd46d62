/**
 * What other backend modules use of Runway's deployments plugin: the extension point
 * through which they add deployment engines (local, GitHub Actions, Argo CD, your own).
 *
 * @packageDocumentation
 */
export type * from './DeploymentEngine';
export * from './extensions';
