export { CampaignDetails } from './CampaignDetails';
