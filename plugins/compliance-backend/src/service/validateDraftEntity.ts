import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The catalog's own checks of an entity's envelope, metadata and field formats. */
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** The spec schemas of the kinds Backstage builds in, as the catalog applies them. */
const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/**
 * Checks a draft entity the way the catalog would on ingestion and returns it with its
 * defaults (the default namespace) filled in; an entity the catalog would refuse is a 400
 * with the catalog's reason.
 *
 * @internal
 */
export async function validateDraftEntity(input: object): Promise<Entity> {
  let entity: Entity | undefined;
  try {
    entity = await policy.enforce(structuredClone(input) as Entity);
    for (const validator of kindValidators) {
      // A validator answers false for kinds it does not know and throws for a bad spec.
      if (await validator.check(entity!)) break;
    }
  } catch (error) {
    throw new InputError(`entity: ${(error as Error).message}`);
  }
  if (!entity) {
    throw new InputError('entity: the catalog would not accept this entity');
  }
  return entity;
}
