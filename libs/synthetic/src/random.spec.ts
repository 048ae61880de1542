import { Random } from './random';

const draws = (random: Random, count: number): number[] =>
  Array.from({ length: count }, () => random.nextUint32());

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(new Random('seed'), 50)).toEqual(draws(new Random('seed'), 50));
    expect(draws(new Random('seed'), 50)).not.toEqual(draws(new Random('seed2'), 50));
    expect(draws(Random.derive('seed', 'household', 1), 10)).not.toEqual(
      draws(Random.derive('seed', 'household', 2), 10),
    );
  });

  it('draws integers inside the bounds, reaching both ends', () => {
    const random = new Random('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i += 1) seen.add(random.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws with the requested means', () => {
    const random = new Random('means');
    const mean = (draw: () => number, count = 40_000) => {
      let sum = 0;
      for (let i = 0; i < count; i += 1) sum += draw();
      return sum / count;
    };
    expect(mean(() => random.next())).toBeCloseTo(0.5, 1);
    expect(mean(() => random.normal())).toBeCloseTo(0, 1);
    expect(mean(() => random.gammaMeanOne(0.6))).toBeCloseTo(1, 1);
    expect(mean(() => random.gammaMeanOne(2.5))).toBeCloseTo(1, 1);
    expect(mean(() => random.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(() => random.poisson(80), 5_000) / 80).toBeCloseTo(1, 1);
    expect(mean(() => (random.chance(0.12) ? 1 : 0))).toBeCloseTo(0.12, 2);
  });

  it('gives log-normal draws the requested median', () => {
    const random = new Random('median');
    const values = Array.from({ length: 20_001 }, () => random.logNormal(8_300, 0.6)).sort((a, b) => a - b);
    expect((values[10_000] ?? 0) / 8_300).toBeCloseTo(1, 1);
  });

  it('picks by weight', () => {
    const random = new Random('weights');
    let heavy = 0;
    for (let i = 0; i < 10_000; i += 1)
      if (
        random.weighted([
          ['light', 1],
          ['heavy', 3],
        ]) === 'heavy'
      )
        heavy += 1;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
  });
});
