/**
 * Runway's permission policy for the permission backend: everyone reads, a team manages
 * its own catalog entities, and the configured admin groups manage everything.
 *
 * @packageDocumentation
 */
export { permissionModuleRunwayPolicy as default } from './module';
export {
  ADMIN_ONLY_PERMISSIONS,
  isOwnersOnlyPermission,
  RunwayPermissionPolicy,
} from './RunwayPermissionPolicy';
export {
  readRunwayPolicyConfig,
  type RunwayPolicyConfig,
} from './readRunwayPolicyConfig';
