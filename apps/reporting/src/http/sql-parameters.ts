/** Collects the values of a parameterised query: `add(value)` returns its placeholder (`$3`). */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `LIKE` pattern matching every code that starts with the prefix (prefixes are digits only). */
export const prefixPattern = (prefix: string): string => {
  if (!/^\d*$/.test(prefix))
    throw new RangeError(`a region prefix is digits only, got ${JSON.stringify(prefix)}`);
  return `${prefix}%`;
};
