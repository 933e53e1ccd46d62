import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRunwayPolicyConfig } from './readRunwayPolicyConfig';
import { RunwayPermissionPolicy } from './RunwayPermissionPolicy';

/**
 * Installs {@link RunwayPermissionPolicy} as the permission backend's policy, with the
 * admin groups of `permission.runwayPolicy.adminGroups`.
 *
 * @public
 */
export const permissionModuleRunwayPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'runway-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, logger, userInfo }) {
        const { adminGroups } = readRunwayPolicyConfig(config);
        if (adminGroups.length === 0) {
          logger.warn(
            'Runway permission policy: no admin groups (permission.runwayPolicy.adminGroups), so nobody may manage campaigns or manage entities they do not own',
          );
        } else {
          logger.info(
            `Runway permission policy: members of ${adminGroups.join(
              ', ',
            )} may do everything`,
          );
        }
        policy.setPolicy(new RunwayPermissionPolicy({ adminGroups, userInfo }));
      },
    });
  },
});
