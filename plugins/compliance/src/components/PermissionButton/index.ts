export { PermissionButton, deniedReason } from './PermissionButton';
