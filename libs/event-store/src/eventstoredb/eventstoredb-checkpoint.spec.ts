import fc from 'fast-check';
import { START } from '../event-store.port';
import {
  decodeEventStoreDbCheckpoint,
  encodeEventStoreDbCheckpoint,
  isAfter,
  revisionToVersion,
} from './eventstoredb-checkpoint';

describe('EventStoreDB checkpoints', () => {
  it('round-trip any commit and prepare position', () => {
    const u64 = fc.bigInt(0n, 2n ** 64n - 1n);
    fc.assert(
      fc.property(u64, u64, (commit, prepare) => {
        expect(decodeEventStoreDbCheckpoint(encodeEventStoreDbCheckpoint({ commit, prepare }))).toEqual({
          commit,
          prepare,
        });
      }),
    );
  });

  it('decode START as "from the beginning"', () => {
    expect(decodeEventStoreDbCheckpoint(START)).toBeUndefined();
  });

  it.each(['12', '1:2', '1/2/3', 'x/1'])('refuse %p', (checkpoint) => {
    expect(() => decodeEventStoreDbCheckpoint(checkpoint)).toThrow(TypeError);
  });

  it('order positions by commit, then prepare, as $all does', () => {
    expect(isAfter({ commit: 10n, prepare: 5n }, { commit: 9n, prepare: 9n })).toBe(true);
    expect(isAfter({ commit: 10n, prepare: 6n }, { commit: 10n, prepare: 5n })).toBe(true);
    expect(isAfter({ commit: 10n, prepare: 5n }, { commit: 10n, prepare: 5n })).toBe(false);
    expect(isAfter({ commit: 9n, prepare: 9n }, { commit: 10n, prepare: 0n })).toBe(false);
    expect(isAfter({ commit: 0n, prepare: 0n }, undefined)).toBe(true);
  });

  it('map revisions to versions: revision n - 1 is version n, no stream (-1) is version 0', () => {
    expect(revisionToVersion(-1n)).toBe(0);
    expect(revisionToVersion(0n)).toBe(1);
    expect(revisionToVersion(41n)).toBe(42);
  });
});
