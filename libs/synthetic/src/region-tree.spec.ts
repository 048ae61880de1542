import { parseRegionCode } from '@monitoring/domain';
import { Random } from './random';
import { buildRegionTree, countyCountFor, VillagePicker } from './region-tree';

describe('the region tree', () => {
  it('has valid 12-digit codes under Henan that nest by prefix, with kinds in their number ranges', () => {
    const tree = buildRegionTree('regions', 20_000);
    const problems: string[] = [];
    const codes = new Set<string>();
    for (const city of tree.cities) {
      if (!/^41\d{2}$/.test(city.code)) problems.push(`city ${city.code}`);
      for (const county of city.counties) {
        if (!county.code.startsWith(city.code) || county.code.length !== 6)
          problems.push(`county ${county.code}`);
        for (const township of county.townships) {
          const part = Number(township.code.slice(6));
          const range = { subdistrict: [1, 99], town: [100, 199], township: [200, 399] }[township.kind];
          if (!township.code.startsWith(county.code) || part < range[0] || part > range[1])
            problems.push(`township ${township.code}`);
          for (const village of township.villages) {
            const parsed = parseRegionCode(village.code);
            const expectedKind = village.kind;
            if (
              !village.code.startsWith(township.code) ||
              !parsed.ok ||
              parsed.value.villageKind !== expectedKind
            ) {
              problems.push(`village ${village.code}`);
            }
            codes.add(village.code);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tree.cities.flatMap((city) => city.counties)).toHaveLength(countyCountFor(20_000));
    expect(codes.size).toBeGreaterThan(100);
  });

  it('grows with the province, up to Henan’s number of counties', () => {
    expect(countyCountFor(100)).toBe(3);
    expect(countyCountFor(10_000)).toBe(25);
    expect(countyCountFor(1_000_000)).toBe(155);
    expect(countyCountFor(20_000_000)).toBe(155);
  });

  it('is the same for the same seed', () => {
    expect(buildRegionTree('same', 5_000)).toEqual(buildRegionTree('same', 5_000));
    expect(buildRegionTree('same', 5_000)).not.toEqual(buildRegionTree('other', 5_000));
  });

  it('puts most households in villagers’ committees', () => {
    const tree = buildRegionTree('picker', 10_000);
    const picker = new VillagePicker(tree, 'picker');
    const random = new Random('picks');
    let rural = 0;
    for (let i = 0; i < 5_000; i += 1)
      if (picker.pick(random).village.kind === 'villagers_committee') rural += 1;
    expect(rural / 5_000).toBeGreaterThan(0.8);
  });
});
