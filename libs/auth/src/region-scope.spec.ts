import { canActInRegion, canSeeRegion, effectiveRegionPrefix } from './region-scope';

describe('region scoping', () => {
  const county = { sub: 'o', role: 'county_officer' as const, region: '410423' };
  const province = { sub: 'p', role: 'province_staff' as const, region: '41' };

  it('lets a user see only regions under their prefix', () => {
    expect(canSeeRegion(county, '410423203201')).toBe(true);
    expect(canSeeRegion(county, '410424100201')).toBe(false);
    expect(canSeeRegion(province, '410424100201')).toBe(true);
    expect(canSeeRegion(province, '420100100201')).toBe(false);
  });

  it('narrows a requested prefix to the user region and refuses a disjoint one', () => {
    expect(effectiveRegionPrefix(county)).toBe('410423');
    expect(effectiveRegionPrefix(county, '41')).toBe('410423');
    expect(effectiveRegionPrefix(county, '410423203')).toBe('410423203');
    expect(effectiveRegionPrefix(county, '410424')).toBeNull();
    expect(effectiveRegionPrefix(province, '4104')).toBe('4104');
  });

  it('lets county officers act in their county only, province staff only in a county they hold', () => {
    expect(canActInRegion(county, '410423203201')).toBe(true);
    expect(canActInRegion(county, '410424203201')).toBe(false);
    expect(canActInRegion(province, '410423203201')).toBe(false);
    expect(canActInRegion({ ...province, region: '410423' }, '410423203201')).toBe(true);
    expect(canActInRegion({ sub: 'b', role: 'bureau', region: '41' }, '410423203201')).toBe(false);
  });
});
