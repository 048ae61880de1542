import type { KafkaMessage } from 'kafkajs';
import { decodeKafkaMessage } from './kafka-message-decoder';

const message = (value: Buffer | null, offset = '7'): KafkaMessage => ({
  key: Buffer.from('H1'),
  value,
  offset,
  timestamp: '0',
  attributes: 0,
  headers: {},
});

describe('Kafka messages as ingest items', () => {
  const origin = { path: 'kafka', topic: 'monitoring.claims', partition: 2, offset: '7' };

  it('decodes a JSON value and keeps its text', () => {
    expect(
      decodeKafkaMessage('monitoring.claims', 2, message(Buffer.from('{"type":"claim_settled"}'))),
    ).toEqual({
      origin,
      content: { readable: true, value: { type: 'claim_settled' } },
      text: '{"type":"claim_settled"}',
    });
  });

  it('says why a value cannot be read: none, bad UTF-8, bad JSON', () => {
    expect(decodeKafkaMessage('monitoring.claims', 2, message(null)).content).toEqual({
      readable: false,
      reason: 'the message has no value',
    });
    expect(
      decodeKafkaMessage('monitoring.claims', 2, message(Buffer.from([0x7b, 0xff, 0x7d]))).content,
    ).toEqual({
      readable: false,
      reason: 'the message value is not valid UTF-8',
    });
    const badJson = decodeKafkaMessage('monitoring.claims', 2, message(Buffer.from('{"type": ')));
    expect(badJson.content).toEqual({ readable: false, reason: expect.stringMatching(/^not valid JSON: /) });
    expect(badJson.text).toBe('{"type": ');
  });
});
