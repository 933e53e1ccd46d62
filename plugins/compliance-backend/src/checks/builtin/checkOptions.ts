// Options come from app-config (`compliance.checks.<id>`), so their types are not known at
// compile time. A missing or mistyped option falls back to the check's default rather than
// failing every entity of the catalog.

/** @internal */
export type CheckOptions = Record<string, unknown> | undefined;

/** @internal */
export function readBooleanOption(
  options: CheckOptions,
  name: string,
  defaultValue: boolean,
): boolean {
  const value = options?.[name];
  return typeof value === 'boolean' ? value : defaultValue;
}

/** @internal */
export function readNonNegativeIntegerOption(
  options: CheckOptions,
  name: string,
  defaultValue: number,
): number {
  const value = options?.[name];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : defaultValue;
}

// A check reads its options once per entity: validated lists are remembered per list.
const validStringLists = new WeakSet<unknown[]>();

/** A non-empty list of non-empty strings, or the default. @internal */
export function readStringListOption(
  options: CheckOptions,
  name: string,
  defaultValue: readonly string[],
): readonly string[] {
  const value = options?.[name];
  if (!Array.isArray(value)) return defaultValue;
  if (validStringLists.has(value)) return value as string[];
  const valid =
    value.length > 0 &&
    value.every(item => typeof item === 'string' && item.length > 0);
  if (!valid) return defaultValue;
  validStringLists.add(value);
  return value as string[];
}
