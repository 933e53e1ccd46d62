// Section records as the collator writes them, for ranking tests. Test code only.
import type { Entity } from '@backstage/catalog-model';
import { buildSectionDocuments } from '../collator/buildSectionDocuments';
import type { PageSection } from '../collator/splitSections';
import type { TechDocsSectionDocument } from '../types';

/** A component with TechDocs. */
export function docsEntity(
  name: string,
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      ...spec,
    },
  };
}

/** A section: a heading with its text, under `ancestors`. */
export function section(
  title: string,
  text: string,
  options: { level?: number; ancestors?: string[]; anchor?: string } = {},
): PageSection {
  return {
    level: options.level ?? 2,
    title,
    anchor: options.anchor ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    ancestors: options.ancestors ?? [],
    text,
  };
}

/** The records of one page of an entity's docs, as the collator builds them. */
export function sectionRecords(
  entity: Entity,
  page: { location: string; title: string; sections: PageSection[] },
  options: { builtAt?: string; now?: Date } = {},
): TechDocsSectionDocument[] {
  const name = entity.metadata.name;
  return buildSectionDocuments(
    {
      entity,
      site: { namespace: 'default', kind: 'component', name },
      siteName: name,
      ownerRef: 'group:default/team-a',
      owner: 'team-a',
      ownerStatus: {
        ownerExists: true,
        ownerIsActiveTeam: true,
        source: 'catalog',
      },
      builtAt: options.builtAt ?? '2025-01-01T00:00:00.000Z',
      indexedAt: '2025-01-02T00:00:00.000Z',
    },
    {
      location: page.location,
      title: page.title,
      split: { sections: page.sections },
    },
    {
      locationTemplate: '/docs/:namespace/:kind/:name/:path',
      staleAfterMs: 365 * 86_400_000,
      now: options.now ?? new Date('2025-02-01T00:00:00.000Z'),
    },
  );
}
