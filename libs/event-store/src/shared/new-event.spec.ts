import { EventIdConflict, type NewEvent } from '../event-store.port';
import { contentKey, prepareAppends } from './new-event';

const anEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: '0b7e1c9a-3f4d-4e5a-9b6c-7d8e9f0a1b2c',
  type: 'ClaimSettled',
  schemaVersion: 1,
  data: { claimId: 'C1', totalFen: 1200 },
  metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'medical_insurance' },
  ...overrides,
});

describe('prepareAppends', () => {
  it('lower-cases event ids and drops a caller-supplied recordedAt', () => {
    const [append] = prepareAppends([
      {
        streamId: 'household-1',
        expectedVersion: 'any',
        events: [
          anEvent({
            eventId: '0B7E1C9A-3F4D-4E5A-9B6C-7D8E9F0A1B2C',
            metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'x', recordedAt: 'then' },
          }),
        ],
      },
    ]);
    expect(append.events[0].eventId).toBe('0b7e1c9a-3f4d-4e5a-9b6c-7d8e9f0a1b2c');
    expect(append.events[0].metadata).toEqual({ occurredAt: '2026-03-01T08:00:00+08:00', source: 'x' });
  });

  it('marks an id repeated with the same content as a repeat of its first occurrence', () => {
    const [append] = prepareAppends([
      {
        streamId: 'household-1',
        expectedVersion: 'any',
        events: [anEvent(), anEvent({ data: { totalFen: 1200, claimId: 'C1' } })],
      },
    ]);
    expect(append.events[0].repeatOf).toBeUndefined();
    expect(append.events[1].repeatOf).toEqual({ appendIndex: 0, eventIndex: 0 });
  });

  it('refuses an id repeated with other content, or for another stream', () => {
    expect(() =>
      prepareAppends([
        {
          streamId: 'household-1',
          expectedVersion: 'any',
          events: [anEvent(), anEvent({ data: { claimId: 'C2' } })],
        },
      ]),
    ).toThrow(EventIdConflict);
    expect(() =>
      prepareAppends([
        { streamId: 'household-1', expectedVersion: 'any', events: [anEvent()] },
        { streamId: 'household-2', expectedVersion: 'any', events: [anEvent()] },
      ]),
    ).toThrow(EventIdConflict);
  });

  it.each([
    ['a non-UUID id', { eventId: 'claim-1' }],
    ['an empty type', { type: '' }],
    ['a zero schema version', { schemaVersion: 0 }],
    ['no data', { data: undefined }],
    ['metadata that is not an object', { metadata: [] as unknown as NewEvent['metadata'] }],
  ])('refuses an event with %s', (_, overrides) => {
    expect(() =>
      prepareAppends([{ streamId: 'household-1', expectedVersion: 'any', events: [anEvent(overrides)] }]),
    ).toThrow(TypeError);
  });

  it('refuses a stream given twice, an empty stream id and a malformed expected version', () => {
    const events = [anEvent()];
    expect(() =>
      prepareAppends([
        { streamId: 's', expectedVersion: 'any', events },
        { streamId: 's', expectedVersion: 'any', events: [] },
      ]),
    ).toThrow(TypeError);
    expect(() => prepareAppends([{ streamId: '', expectedVersion: 'any', events }])).toThrow(TypeError);
    expect(() => prepareAppends([{ streamId: 's', expectedVersion: -2, events }])).toThrow(TypeError);
  });
});

describe('contentKey', () => {
  it('is the same for the same content in another key order, and differs by stream', () => {
    const event = anEvent();
    const reordered = { ...event, data: { totalFen: 1200, claimId: 'C1' } };
    expect(contentKey('household-1', event)).toBe(contentKey('household-1', reordered));
    expect(contentKey('household-1', event)).not.toBe(contentKey('household-2', event));
  });
});
