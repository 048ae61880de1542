import fc from 'fast-check';
import { START } from '../event-store.port';
import { decodePostgresCheckpoint, encodePostgresCheckpoint } from './postgres-checkpoint';

describe('PostgreSQL checkpoints', () => {
  it('round-trip any transaction id and global position', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 2n ** 64n - 1n),
        fc.bigInt(1n, 2n ** 63n - 1n),
        (transactionId, globalPosition) => {
          const position = {
            transactionId: transactionId.toString(),
            globalPosition: globalPosition.toString(),
          };
          expect(decodePostgresCheckpoint(encodePostgresCheckpoint(position))).toEqual(position);
        },
      ),
    );
  });

  it('decode START as the pair before every event', () => {
    expect(decodePostgresCheckpoint(START)).toEqual({ transactionId: '0', globalPosition: '0' });
  });

  it.each(['12', '12:', ':3', '12:3:4', 'a:1', '1/2', ' 1:2'])('refuse %p', (checkpoint) => {
    expect(() => decodePostgresCheckpoint(checkpoint)).toThrow(TypeError);
  });
});
