/**
 * Renders a value from entity data or config for a message: strings quoted, lists and
 * objects as short JSON, so that messages name the actual value without flooding the UI.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return String(value);
  }
  if (value === undefined) {
    return 'undefined';
  }
  const json = JSON.stringify(value) ?? String(value);
  const limit = 80;
  return json.length > limit ? `${json.slice(0, limit - 1)}…` : json;
}

/**
 * Names the JSON type of a value, for messages such as "spec.owner is a number".
 *
 * @internal
 */
export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `a ${typeof value}`;
}
