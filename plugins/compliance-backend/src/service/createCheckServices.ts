import type {
  AuthService,
  DiscoveryService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CheckServices } from './ComplianceEvaluator';
import { readFileBesideLocation } from './readFileBesideLocation';

/**
 * The I/O that checks may do: read files through Backstage's UrlReader or, beside a `file:`
 * catalog location, from disk (CODEOWNERS), and ask the TechDocs backend whether docs were
 * published.
 *
 * @internal
 */
export function createCheckServices(options: {
  urlReader: UrlReaderService;
  discovery: DiscoveryService;
  auth: AuthService;
}): CheckServices {
  const { urlReader, discovery, auth } = options;

  // A sweep asks TechDocs about every documented entity: sign one token and reuse it for a
  // few minutes (they are valid far longer) instead of signing one per entity.
  let cachedToken: { token: string; until: number } | undefined;
  async function techdocsToken(): Promise<string> {
    if (!cachedToken || cachedToken.until < Date.now()) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'techdocs',
      });
      cachedToken = { token, until: Date.now() + 5 * 60_000 };
    }
    return cachedToken.token;
  }

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
    readFileBesideLocation(location, path) {
      return readFileBesideLocation(location, path);
    },
    async isTechDocsPublished(entityRef) {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const baseUrl = await discovery.getBaseUrl('techdocs');
      const token = await techdocsToken();
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
