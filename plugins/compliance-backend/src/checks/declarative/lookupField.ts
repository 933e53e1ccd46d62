// Own properties only, so that `constructor` or `__proto__` never reach the prototype;
// and list indexes only, so that `length` is not mistaken for a field.
function hasField(value: object, key: string): boolean {
  if (Array.isArray(value)) {
    return /^(0|[1-9]\d*)$/.test(key) && Number(key) < value.length;
  }
  return Object.prototype.hasOwnProperty.call(value, key);
}

function lookupSegments(value: unknown, segments: string[]): unknown {
  if (segments.length === 0) {
    return value;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  // Keys such as `backstage.io/techdocs-ref` contain dots, so at each level the longest
  // run of segments that is a key is tried first; shorter ones only if it leads nowhere.
  for (let end = segments.length; end >= 1; end--) {
    const key = segments.slice(0, end).join('.');
    if (hasField(value, key)) {
      const found = lookupSegments(
        (value as Record<string, unknown>)[key],
        segments.slice(end),
      );
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

/**
 * Reads a field of an entity by dot path, e.g. `spec.owner` or
 * `metadata.annotations.backstage.io/techdocs-ref`, where a key may itself contain dots.
 * List items are addressed by index (`spec.tags.0`). Undefined when the field is absent.
 *
 * @internal
 */
export function lookupField(root: unknown, path: string): unknown {
  return lookupSegments(root, path.split('.'));
}
