import { ProvinceGenerator, streamProvince } from './province-generator';

describe('the province as a stream', () => {
  it('gives the same lines asynchronously as synchronously, and the summary at the end', async () => {
    const options = { households: 120, seed: 'stream' };
    const expected = [...new ProvinceGenerator(options).lines()];
    const streamed = [];
    const stream = streamProvince(options);
    let next = await stream.next();
    while (next.done !== true) {
      streamed.push(next.value);
      next = await stream.next();
    }
    expect(streamed).toEqual(expected);
    expect(next.value.complete).toBe(true);
    expect(next.value.totalLines).toBe(expected.length);
  });

  it('keys every line by its household, for Kafka partitioning', () => {
    const lines = [...new ProvinceGenerator({ households: 50, seed: 'keys' }).lines()];
    const unkeyed = lines.filter(
      (line) => line.delivery !== 'malformed' && !line.line.includes(`"householdId":"${line.householdId}"`),
    );
    expect(unkeyed).toEqual([]);
  });

  it('can be iterated once', () => {
    const generator = new ProvinceGenerator({ households: 5, seed: 'once' });
    expect([...generator.lines()].length).toBeGreaterThan(5);
    expect(() => [...generator.lines()]).toThrow(/iterated once/);
  });

  it('refuses options it cannot honour', () => {
    expect(() => new ProvinceGenerator({ households: 0 })).toThrow(RangeError);
    expect(() => new ProvinceGenerator({ households: 2.5 })).toThrow(RangeError);
    expect(() => new ProvinceGenerator({ until: '2026-11-16T00:00:00' })).toThrow(/offset/);
    expect(() => new ProvinceGenerator({ months: 0 })).toThrow(RangeError);
    expect(() => new ProvinceGenerator({ seed: '' })).toThrow(RangeError);
  });

  it('moves the whole window with --until', () => {
    const generator = new ProvinceGenerator({
      households: 30,
      seed: 'until',
      until: '2025-03-01T12:00:00+08:00',
      months: 12,
    });
    const times = [...generator.lines()]
      .filter((line) => line.delivery === 'original')
      .map((line) => Date.parse((JSON.parse(line.line) as { occurredAt: string }).occurredAt));
    expect(generator.summary().window).toEqual({
      from: '2024-03-01T00:00:00+08:00',
      until: '2025-03-01T12:00:00+08:00',
      months: 12,
    });
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2024-03-01T00:00:00+08:00'));
    expect(Math.max(...times)).toBeLessThan(Date.parse('2025-03-01T12:00:00+08:00'));
  });
});
