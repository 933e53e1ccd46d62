// A fetch that answers the TechDocs backend's routes the collator reads from a folder laid
// out like TechDocs' local publisher (`<namespace>/<kind>/<name>/…`). Test code only: the
// module test runs the real TechDocs backend instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const TECHDOCS_BASE_URL = 'http://localhost:0/api/techdocs';

export function fakeTechDocsFetch(publishDir: string) {
  const requests: string[] = [];
  const fetchFn = (async (input: string | URL) => {
    const url = new URL(String(input));
    const path = decodeURIComponent(
      url.pathname.slice(new URL(TECHDOCS_BASE_URL).pathname.length + 1),
    );
    requests.push(path);
    const file = path.startsWith('metadata/techdocs/')
      ? join(
          publishDir,
          path.slice('metadata/techdocs/'.length),
          'techdocs_metadata.json',
        )
      : join(publishDir, path.slice('static/docs/'.length));
    if (!existsSync(file) || statSync(file).isDirectory()) {
      return new Response('Not found', { status: 404 });
    }
    return new Response(readFileSync(file));
  }) as typeof fetch;
  return { fetch: fetchFn, requests };
}
