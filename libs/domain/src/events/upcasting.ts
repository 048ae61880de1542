import type { EventMetadata } from './envelope';

/**
 * Upcasting (DESIGN §3): stored events are never rewritten; an event written at an older schema
 * version is brought to the current shape when it is read, one version step at a time.
 */

/** An event as read back from a store: its data has the shape of the version it was written at. */
export interface VersionedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** Turns the data of one event type from `fromVersion` into `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** Pure: returns new data and leaves its input untouched. */
  readonly upcast: (data: unknown, event: VersionedEvent) => unknown;
}

/** Declares an upcaster with typed data on both sides. */
export const defineUpcaster = <From, To>(
  type: string,
  fromVersion: number,
  upcast: (data: From, event: VersionedEvent) => To,
): Upcaster => ({ type, fromVersion, upcast: upcast as (data: unknown, event: VersionedEvent) => unknown });

/** An event carries a version this code cannot read: newer than current (written by a newer release) or malformed. */
export class UnsupportedSchemaVersion extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly schemaVersion: unknown,
    readonly currentVersion: number,
  ) {
    super(
      `Event ${eventId} (${eventType}) has schema version ${String(schemaVersion)}; ` +
        `this release reads versions 1 to ${currentVersion}`,
    );
    this.name = 'UnsupportedSchemaVersion';
  }
}

/** The registry's upcasters do not form a complete chain to the current versions: a programming error. */
export class InvalidUpcasterRegistry extends Error {
  constructor(problem: string) {
    super(`Invalid upcaster registry: ${problem}`);
    this.name = 'InvalidUpcasterRegistry';
  }
}

export interface UpcasterRegistry {
  /** The current version of a type, or undefined for a type the registry does not know. */
  currentVersion(type: string): number | undefined;
  /**
   * The event at its type's current version: the same object when it already is, otherwise a copy with
   * new `data` and `schemaVersion` and every other field (metadata, positions) kept. Events of types the
   * registry does not know pass through unchanged. Throws UnsupportedSchemaVersion for a version it
   * cannot read.
   */
  upcast<E extends VersionedEvent>(event: E): E;
}

const keyOf = (type: string, fromVersion: number): string => `${type}\u0000${fromVersion}`;

/**
 * Builds a registry and checks it once: every type with current version n needs exactly one upcaster
 * from each version 1..n-1, and none from elsewhere. A gap would only show up when an old event is
 * read, so it fails here, at start-up, instead.
 */
export const createUpcasterRegistry = (
  currentVersions: Readonly<Record<string, number>>,
  upcasters: readonly Upcaster[],
): UpcasterRegistry => {
  const current = new Map(Object.entries(currentVersions));
  const steps = new Map<string, Upcaster>();
  for (const [type, version] of current) {
    if (!Number.isInteger(version) || version < 1) {
      throw new InvalidUpcasterRegistry(`${type} has current version ${version}; versions start at 1`);
    }
  }
  for (const upcaster of upcasters) {
    const version = current.get(upcaster.type);
    if (version === undefined)
      throw new InvalidUpcasterRegistry(`upcaster for unknown type ${upcaster.type}`);
    if (
      !Number.isInteger(upcaster.fromVersion) ||
      upcaster.fromVersion < 1 ||
      upcaster.fromVersion >= version
    ) {
      throw new InvalidUpcasterRegistry(
        `upcaster for ${upcaster.type} from version ${upcaster.fromVersion}, but the current version is ${version}`,
      );
    }
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (steps.has(key)) {
      throw new InvalidUpcasterRegistry(
        `two upcasters for ${upcaster.type} from version ${upcaster.fromVersion}`,
      );
    }
    steps.set(key, upcaster);
  }
  for (const [type, version] of current) {
    for (let from = 1; from < version; from += 1) {
      if (!steps.has(keyOf(type, from))) {
        throw new InvalidUpcasterRegistry(
          `${type} is at version ${version} but has no upcaster from version ${from}`,
        );
      }
    }
  }

  return {
    currentVersion: (type) => current.get(type),
    upcast: <E extends VersionedEvent>(event: E): E => {
      const target = current.get(event.type);
      if (target === undefined || event.schemaVersion === target) return event;
      const version = event.schemaVersion;
      if (!Number.isInteger(version) || version < 1 || version > target) {
        throw new UnsupportedSchemaVersion(event.eventId, event.type, version, target);
      }
      let data = event.data;
      for (let from = version; from < target; from += 1) {
        // The registry was checked complete at construction, so every step exists.
        const step = steps.get(keyOf(event.type, from)) as Upcaster;
        data = step.upcast(data, { ...event, schemaVersion: from, data });
      }
      return { ...event, schemaVersion: target, data };
    },
  };
};
