import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { createCodeownersMatchCheck } from './createCodeownersMatchCheck';
import { createLifecycleValidCheck } from './createLifecycleValidCheck';
import { createOwnerDeclaredCheck } from './createOwnerDeclaredCheck';
import { createOwnerExistsCheck } from './createOwnerExistsCheck';
import { createOwnerHasMembersCheck } from './createOwnerHasMembersCheck';
import { createOwnerInHierarchyCheck } from './createOwnerInHierarchyCheck';
import { createOwnerIsGroupCheck } from './createOwnerIsGroupCheck';
import { createSystemAssignedCheck } from './createSystemAssignedCheck';
import { createTechDocsPresentCheck } from './createTechDocsPresentCheck';

export { createCodeownersMatchCheck } from './createCodeownersMatchCheck';
export { createLifecycleValidCheck } from './createLifecycleValidCheck';
export { createOwnerDeclaredCheck } from './createOwnerDeclaredCheck';
export { createOwnerExistsCheck } from './createOwnerExistsCheck';
export { createOwnerHasMembersCheck } from './createOwnerHasMembersCheck';
export { createOwnerInHierarchyCheck } from './createOwnerInHierarchyCheck';
export { createOwnerIsGroupCheck } from './createOwnerIsGroupCheck';
export { createSystemAssignedCheck } from './createSystemAssignedCheck';
export { createTechDocsPresentCheck } from './createTechDocsPresentCheck';

/**
 * The checks that ship with the compliance backend, in the order they are listed: from
 * "is there an owner" to what the owner is expected to maintain.
 *
 * @internal
 */
export function builtinChecks(): ComplianceCheck[] {
  return [
    createOwnerDeclaredCheck(),
    createOwnerExistsCheck(),
    createOwnerIsGroupCheck(),
    createOwnerHasMembersCheck(),
    createOwnerInHierarchyCheck(),
    createCodeownersMatchCheck(),
    createSystemAssignedCheck(),
    createLifecycleValidCheck(),
    createTechDocsPresentCheck(),
  ];
}
