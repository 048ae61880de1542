import {
  createUpcasterRegistry,
  defineUpcaster,
  InvalidUpcasterRegistry,
  UnsupportedSchemaVersion,
  type VersionedEvent,
} from './upcasting';

/** A made-up event type with three versions: v1 `{ name }`, v2 `{ fullName }`, v3 `{ fullName, nickname }`. */
const renamed = defineUpcaster<{ name: string }, { fullName: string }>('PersonNoted', 1, (v1) => ({
  fullName: v1.name,
}));
const nicknamed = defineUpcaster<{ fullName: string }, { fullName: string; nickname: string | null }>(
  'PersonNoted',
  2,
  (v2, event) => ({
    ...v2,
    nickname: event.metadata.source === 'village_office' ? v2.fullName.slice(-1) : null,
  }),
);

const stored = (
  schemaVersion: number,
  data: unknown,
  extra: Record<string, unknown> = {},
): VersionedEvent => ({
  eventId: 'e-1',
  type: 'PersonNoted',
  schemaVersion,
  data,
  metadata: { occurredAt: '2025-03-01T10:00:00+08:00', source: 'village_office' },
  ...extra,
});

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('upcaster registry', () => {
  const registry = createUpcasterRegistry({ PersonNoted: 3, Other: 1 }, [nicknamed, renamed]);

  it('applies the chain of upcasters from the stored version to the current one, in order', () => {
    expect(registry.upcast(stored(1, { name: '王小明' }))).toEqual(
      stored(3, { fullName: '王小明', nickname: '明' }),
    );
    expect(registry.upcast(stored(2, { fullName: '李四' })).data).toEqual({
      fullName: '李四',
      nickname: '四',
    });
  });

  it('keeps every other field of the event, such as stream positions', () => {
    const event = { ...stored(1, { name: 'A' }), streamId: 'household-H1', globalPosition: '42' };
    expect(registry.upcast(event)).toMatchObject({
      streamId: 'household-H1',
      globalPosition: '42',
      eventId: 'e-1',
    });
  });

  it('never changes the stored event', () => {
    const event = deepFreeze(stored(1, { name: 'A' }));
    expect(() => registry.upcast(event)).not.toThrow();
    expect(event).toEqual(stored(1, { name: 'A' }));
  });

  it('returns an event already at the current version, or of an unknown type, as it is', () => {
    const current = stored(3, { fullName: 'A', nickname: null });
    expect(registry.upcast(current)).toBe(current);
    const foreign = { ...stored(7, {}), type: 'SomethingElse' };
    expect(registry.upcast(foreign)).toBe(foreign);
  });

  it('refuses versions it cannot read: newer than current, zero, fractional or not a number', () => {
    for (const version of [4, 0, 1.5, '1' as unknown as number]) {
      expect(() => registry.upcast(stored(version, {}))).toThrow(UnsupportedSchemaVersion);
    }
    expect(() => registry.upcast(stored(4, {}))).toThrow(
      'Event e-1 (PersonNoted) has schema version 4; this release reads versions 1 to 3',
    );
  });

  it('refuses to build with a gap in a chain, so a missing upcaster fails at start-up', () => {
    expect(() => createUpcasterRegistry({ PersonNoted: 3 }, [renamed])).toThrow(
      new InvalidUpcasterRegistry('PersonNoted is at version 3 but has no upcaster from version 2'),
    );
  });

  it('refuses duplicate, misplaced or unknown upcasters', () => {
    expect(() => createUpcasterRegistry({ PersonNoted: 3 }, [renamed, nicknamed, renamed])).toThrow(
      'two upcasters for PersonNoted from version 1',
    );
    expect(() => createUpcasterRegistry({ PersonNoted: 2 }, [renamed, nicknamed])).toThrow(
      'upcaster for PersonNoted from version 2, but the current version is 2',
    );
    expect(() => createUpcasterRegistry({ Other: 1 }, [renamed])).toThrow(
      'upcaster for unknown type PersonNoted',
    );
    expect(() => createUpcasterRegistry({ Other: 0 }, [])).toThrow(
      'Other has current version 0; versions start at 1',
    );
  });
});
