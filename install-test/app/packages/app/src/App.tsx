import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { signInModule } from './signIn';

export default createApp({
  features: [catalogPlugin, signInModule],
});
