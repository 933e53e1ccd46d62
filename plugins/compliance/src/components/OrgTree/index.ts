export { OrgTree } from './OrgTree';
