import { buildIdNumber } from './id-number';
import { dayOfDate } from './local-time';
import { hash32 } from './random';

const FIRST_DAY = dayOfDate('1920-01-01');
const LAST_DAY = dayOfDate('2039-12-31');
const DAYS = LAST_DAY - FIRST_DAY + 1;
/** Sequence numbers per county, birth date and sex: 000–999 split by parity. */
const SEQUENCES_PER_SEX = 500;

/**
 * Issues ID numbers that are unique in the whole province, as the real registry's are: a counter per
 * (county, birth date, sex) picks the next free sequence, starting from a scrambled offset so the
 * numbers look like real ones. Memory is one small counter array per county in use.
 */
export class IdNumberIssuer {
  private readonly counters = new Map<string, Uint16Array>();

  issue(countyCode: string, birthDate: string, male: boolean): string {
    const day = dayOfDate(birthDate);
    if (!(day >= FIRST_DAY && day <= LAST_DAY)) throw new RangeError(`birth date out of range: ${birthDate}`);
    let counters = this.counters.get(countyCode);
    if (counters === undefined) {
      counters = new Uint16Array(DAYS * 2);
      this.counters.set(countyCode, counters);
    }
    const slot = (day - FIRST_DAY) * 2 + (male ? 1 : 0);
    const used = counters[slot] ?? 0;
    if (used >= SEQUENCES_PER_SEX) {
      throw new RangeError(`county ${countyCode} has no free ID sequence left for ${birthDate}`);
    }
    counters[slot] = used + 1;
    const start = hash32(`${countyCode}${birthDate}${male ? 'm' : 'f'}`) % SEQUENCES_PER_SEX;
    const sequence = ((start + used) % SEQUENCES_PER_SEX) * 2 + (male ? 1 : 0);
    return buildIdNumber(countyCode, birthDate, sequence);
  }
}
