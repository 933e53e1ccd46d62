import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { checkError, fail, notApplicable, pass } from '../outcomes';
import { isOneOfKinds, kindNotCoveredMessage } from './entityKinds';
import { readStringListOption } from './checkOptions';

// The annotation's name as defined by @backstage/plugin-techdocs-common, which this
// backend does not otherwise need.
const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
// APIs are documented by their definition and Systems by their components, so by default
// only Components must have TechDocs; the `kinds` option widens that.
const DEFAULT_KINDS: readonly string[] = ['Component'];

/**
 * `docs.techdocs-present`: the entity has a `backstage.io/techdocs-ref` annotation and its
 * TechDocs have actually been published; an annotation alone gives readers an empty page.
 *
 * @internal
 */
export function createTechDocsPresentCheck(): ComplianceCheck {
  return {
    id: 'docs.techdocs-present',
    title: 'TechDocs published',
    description:
      'The entity has a backstage.io/techdocs-ref annotation and its TechDocs site has been published.',
    evaluate(entity, { isTechDocsPublished, options }) {
      const kinds = readStringListOption(options, 'kinds', DEFAULT_KINDS);
      if (!isOneOfKinds(entity, kinds)) {
        return notApplicable(kindNotCoveredMessage(entity, kinds));
      }
      const techdocsRef =
        entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION];
      if (typeof techdocsRef !== 'string' || techdocsRef.trim() === '') {
        return fail(
          `Has no ${TECHDOCS_REF_ANNOTATION} annotation`,
          `Add docs (docs/index.md and mkdocs.yml) beside catalog-info.yaml and the annotation '${TECHDOCS_REF_ANNOTATION}: dir:.'.`,
        );
      }
      // Only this part reads: entities it does not apply to cost no promise in a sweep.
      return (async () => {
        const entityRef = stringifyEntityRef(entity);
        let published: boolean;
        try {
          published = await isTechDocsPublished(entityRef);
        } catch (e) {
          return checkError(
            `Could not find out whether TechDocs of ${entityRef} are published: ${
              e instanceof Error ? e.message : String(e)
            }`,
            'Check that the TechDocs storage is reachable, then evaluate again.',
          );
        }
        if (!published) {
          return fail(
            `Has a techdocs-ref (${techdocsRef}) but no published docs`,
            'Build and publish the TechDocs site (e.g. techdocs-cli generate and publish in CI) and check that the build succeeds.',
          );
        }
        return pass(`TechDocs are published (techdocs-ref ${techdocsRef})`);
      })();
    },
  };
}
