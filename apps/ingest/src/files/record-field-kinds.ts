import { SOURCE_RECORD_SCHEMAS, type SourceRecordType } from '@monitoring/domain';

/** How a text cell is read into a field of a source record. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** The little of zod's internal definition the walk needs (zod 4: `schema._zod.def`). */
interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  innerType?: SchemaNode;
  in?: SchemaNode;
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
}
interface SchemaNode {
  _zod: { def: SchemaDef };
}

const kindOfValues = (values: readonly unknown[]): FieldKind => {
  if (values.length > 0 && values.every((value) => typeof value === 'number')) return 'number';
  if (values.length > 0 && values.every((value) => typeof value === 'boolean')) return 'boolean';
  return 'string';
};

/** Fields by path pattern (`members[].disabilityGrade`), with their kinds. */
function collect(node: SchemaNode, path: string, into: Map<string, FieldKind>): void {
  const def = node._zod.def;
  switch (def.type) {
    case 'object':
      if (path) into.set(path, 'object');
      for (const [key, child] of Object.entries(def.shape ?? {}))
        collect(child, path ? `${path}.${key}` : key, into);
      return;
    case 'array':
      into.set(path, 'array');
      if (def.element) collect(def.element, `${path}[]`, into);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      if (def.innerType) collect(def.innerType, path, into);
      return;
    case 'pipe':
      if (def.in) collect(def.in, path, into);
      return;
    case 'number':
    case 'int':
    case 'bigint':
      into.set(path, 'number');
      return;
    case 'boolean':
      into.set(path, 'boolean');
      return;
    case 'literal':
      into.set(path, kindOfValues(def.values ?? []));
      return;
    case 'enum':
      into.set(path, kindOfValues(Object.values(def.entries ?? {})));
      return;
    default:
      into.set(path, 'string');
  }
}

/**
 * The kind of every field of every record type, read from the domain's record schemas, so the CSV
 * reading follows the record contract as it changes.
 */
export const RECORD_FIELD_KINDS: ReadonlyMap<SourceRecordType, ReadonlyMap<string, FieldKind>> = new Map(
  (Object.keys(SOURCE_RECORD_SCHEMAS) as SourceRecordType[]).map((type) => {
    const kinds = new Map<string, FieldKind>();
    collect(SOURCE_RECORD_SCHEMAS[type] as unknown as SchemaNode, '', kinds);
    return [type, kinds];
  }),
);
