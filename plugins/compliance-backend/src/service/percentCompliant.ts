/**
 * The share of compliant entities, 0–100 with one decimal, as rollups report it: 100 when
 * there are no entities (none of them fails).
 *
 * @internal
 */
export function percentCompliant(
  compliantCount: number,
  entityCount: number,
): number {
  return entityCount === 0
    ? 100
    : Math.round((compliantCount / entityCount) * 1000) / 10;
}
