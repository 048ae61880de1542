import { EventDataRefused, EventIdConflict, WrongExpectedVersion } from '@monitoring/event-store';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyAppendFailure } from './append-failure';

const databaseError = (code: string, message = 'failed'): DatabaseError => {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
};

describe('what a failed append means for its records', () => {
  it('names the event whose id is stored with other content', () => {
    expect(
      classifyAppendFailure(new EventIdConflict('0b2c1d5e-0000-5000-8000-000000000001', 'household-H1')),
    ).toEqual({
      kind: 'conflict',
      eventId: '0b2c1d5e-0000-5000-8000-000000000001',
    });
  });

  it('blames the data the store refuses before writing (a NUL character, a lone surrogate)', () => {
    const error = new EventDataRefused(
      '0b2c1d5e-0000-5000-8000-000000000001',
      'household-H1',
      'a lone surrogate (\\ud800)',
    );
    expect(classifyAppendFailure(error)).toEqual({ kind: 'refused', message: error.message });
  });

  it.each([
    ['22P02', 'a malformed value'],
    ['22021', 'a byte sequence invalid in the encoding'],
    ['54000', 'a value beyond a program limit'],
    ['23514', 'a check constraint'],
  ])('blames the data for SQLSTATE %s (%s)', (code) => {
    expect(classifyAppendFailure(databaseError(code, 'bad data'))).toEqual({
      kind: 'refused',
      message: 'bad data',
    });
  });

  it('looks through TypeORM to the driver error', () => {
    const error = new QueryFailedError(
      'INSERT',
      [],
      databaseError('22P05', 'unsupported Unicode escape sequence'),
    );
    expect(classifyAppendFailure(error).kind).toBe('refused');
  });

  it.each([
    ['a lost connection', Object.assign(new Error('Connection terminated unexpectedly'), {})],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a server shutting down', databaseError('57P01')],
    ['a missing table', databaseError('42P01')],
    ['a serialization failure', databaseError('40001')],
    ['a version conflict', new WrongExpectedVersion('household-H1', 3, 4)],
    ['anything else', 'a string'],
  ])('never blames the records for %s: the batch waits for the store', (_case, error) => {
    expect(classifyAppendFailure(error)).toEqual({ kind: 'unavailable' });
  });
});
