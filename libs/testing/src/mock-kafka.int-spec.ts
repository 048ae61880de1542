import { Kafka, logLevel } from 'kafkajs';
import { startMockKafka, type MockKafka } from './mock-kafka';

describe('mock Kafka broker (kcat)', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka();
  });
  afterAll(() => kafka.stop());

  it('carries a message from a kafkajs producer to a kafkajs consumer group', async () => {
    const client = new Kafka({ clientId: 'mock-check', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic: 'mock-check', messages: [{ key: 'h1', value: 'hello' }] });
    const consumer = client.consumer({ groupId: 'mock-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'mock-check', fromBeginning: true });
    const received = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    await consumer.disconnect();
    await producer.disconnect();
    expect(received).toBe('hello');
  });
});
