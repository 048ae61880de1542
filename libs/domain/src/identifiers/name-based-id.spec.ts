import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { nameBasedIds } from './name-based-id';

const NAMESPACE = '6808a77a-812c-4ed8-8f48-5f909681aa5c';

describe('name-based ids', () => {
  it('are the UUID v5 of the parts as a JSON array, for any text', () => {
    const idOf = nameBasedIds(NAMESPACE);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer()), { maxLength: 5 }),
        (parts) => {
          expect(idOf(parts)).toBe(uuidv5(JSON.stringify(parts), NAMESPACE));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('are the UUID v5 of long names too, in any script', () => {
    const idOf = nameBasedIds(NAMESPACE);
    for (const text of ['a'.repeat(1_000), '医保结算'.repeat(300), '😀'.repeat(500), 'x', '']) {
      expect(idOf([text, 'claim_settled'])).toBe(uuidv5(JSON.stringify([text, 'claim_settled']), NAMESPACE));
      expect(idOf(['short'])).toBe(uuidv5(JSON.stringify(['short']), NAMESPACE));
    }
  });

  it('keep the parts apart and depend on the namespace', () => {
    const idOf = nameBasedIds(NAMESPACE);
    expect(idOf(['a:b', 'c'])).not.toBe(idOf(['a', 'b:c']));
    expect(idOf(['x'])).toBe(idOf(['x']));
    expect(nameBasedIds('6a5c78ad-ca1d-41bf-9605-519e9f753168')(['x'])).not.toBe(idOf(['x']));
    expect(idOf(['medical_insurance', 'claim_settled', 'CLM1'])).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
