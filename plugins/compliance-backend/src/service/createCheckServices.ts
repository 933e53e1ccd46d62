import type {
  AuthService,
  DiscoveryService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CheckServices } from './ComplianceEvaluator';

/**
 * The I/O that checks may do: read files through Backstage's UrlReader (CODEOWNERS) and ask
 * the TechDocs backend whether docs were published.
 *
 * @internal
 */
export function createCheckServices(options: {
  urlReader: UrlReaderService;
  discovery: DiscoveryService;
  auth: AuthService;
}): CheckServices {
  const { urlReader, discovery, auth } = options;
  return {
    async readUrl(url) {
      try {
        const response = await urlReader.readUrl(url);
        return (await response.buffer()).toString('utf8');
      } catch (error) {
        if ((error as Error).name === NotFoundError.name) return undefined;
        throw error;
      }
    },
    async isTechDocsPublished(entityRef) {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const baseUrl = await discovery.getBaseUrl('techdocs');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'techdocs',
      });
      const response = await fetch(
        `${baseUrl}/static/docs/${[namespace, kind, name]
          .map(encodeURIComponent)
          .join('/')}/techdocs_metadata.json`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      return response.ok;
    },
  };
}
