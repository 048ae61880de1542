import { composeHousehold, type Household } from './household-composer';
import type { GenerationWindow, SourceIdSequence } from './household-history';
import { simulateHousehold } from './household-timeline';
import { IdNumberIssuer } from './id-number-issuer';
import { formatBeijing, instantOf, localDayOf, monthsBefore, parseInstantWithOffset } from './local-time';
import { malformedRecord, type MalformationKind } from './malformed-records';
import { PROFILE } from './province-profile';
import { ProvinceTally, type ProvinceSummary } from './province-summary';
import { Random } from './random';
import { buildRegionTree, type RegionTree, VillagePicker } from './region-tree';
import { type SourceRecordType, type SourceTopic, topicOfType } from './source-records';

export interface ProvinceOptions {
  /** Number of households (default 10,000, about 300,000 records). */
  households: number;
  /** Any text; the same seed gives the same records byte for byte. */
  seed: string;
  /** End of the business-time window, ISO 8601 with offset (never the wall clock, for reproducibility). */
  until: string;
  /** Length of the window in calendar months before `until`. */
  months: number;
}

export const DEFAULT_PROVINCE_OPTIONS: ProvinceOptions = {
  households: 10_000,
  seed: 'henan',
  until: '2026-11-16T00:00:00+08:00',
  months: 14,
};

/** How a line came to be in the stream. */
export type Delivery = 'original' | 'duplicate' | 'malformed';

/** One line of a topic's JSON Lines output, as a department would send it. */
export interface ProvinceLine {
  topic: SourceTopic;
  /** The JSON text without the newline. */
  line: string;
  /** The Kafka message key. */
  householdId: string;
  type: SourceRecordType;
  delivery: Delivery;
  /** Set on malformed lines. */
  malformation?: MalformationKind;
  /** Set on original lines that arrive weeks after they happened. */
  late?: boolean;
}

interface PendingDuplicate {
  due: number;
  line: ProvinceLine;
}

/**
 * The synthetic province as a stream of source records: households are simulated one at a time and
 * their records emitted in arrival order (registration first), with a few re-deliveries a few
 * thousand records later and a few malformed records, so memory stays bounded at any size.
 */
export class ProvinceGenerator {
  readonly options: ProvinceOptions;
  readonly window: GenerationWindow;
  readonly regions: RegionTree;
  private readonly tally: ProvinceTally;
  private started = false;

  constructor(options: Partial<ProvinceOptions> = {}) {
    this.options = validateOptions({ ...DEFAULT_PROVINCE_OPTIONS, ...options });
    const untilMs = parseInstantWithOffset(this.options.until);
    const endDay = localDayOf(untilMs - 1) + 1;
    this.window = { startDay: monthsBefore(localDayOf(untilMs), this.options.months), endDay, untilMs };
    this.regions = buildRegionTree(this.options.seed, this.options.households);
    this.tally = new ProvinceTally(this.options, {
      from: formatBeijing(instantOf(this.window.startDay, 0)),
      until: formatBeijing(untilMs),
    });
  }

  /** Households simulated so far. */
  get householdsDone(): number {
    return this.tally.households;
  }

  /** The figures so far; complete once `lines()` has been iterated to the end. */
  summary(): ProvinceSummary {
    return this.tally.summary();
  }

  /** Every line of the province, in delivery order. Can be iterated once. */
  *lines(): Generator<ProvinceLine, ProvinceSummary> {
    if (this.started)
      throw new Error('a ProvinceGenerator can be iterated once; create another for a second pass');
    this.started = true;
    const { seed, households } = this.options;
    const picker = new VillagePicker(this.regions, seed);
    const issuer = new IdNumberIssuer();
    const ids = new SourceIds();
    const delivery = Random.derive(seed, 'delivery');
    const householdNumbers = new Map<string, number>();
    const pending: PendingDuplicate[] = [];
    let emitted = 0;

    for (let index = 0; index < households; index += 1) {
      const random = Random.derive(seed, 'household', index);
      const household = this.composeNext(random, picker, householdNumbers, issuer);
      const timeline = simulateHousehold(random, household, this.window, ids, issuer);
      this.tally.countHousehold(timeline.facts);

      for (const timed of timeline.records) {
        const original: ProvinceLine = {
          topic: topicOfType(timed.record.type),
          line: JSON.stringify(timed.record),
          householdId: household.householdId,
          type: timed.record.type,
          delivery: 'original',
          ...(timed.late ? { late: true } : {}),
        };
        this.tally.countLine(original);
        emitted += 1;
        yield original;

        if (delivery.chance(PROFILE.duplicateShare)) {
          const [min, max] = PROFILE.duplicateDelayRecords;
          const line: ProvinceLine = { ...original, delivery: 'duplicate' };
          delete line.late;
          insertByDue(pending, { due: emitted + delivery.int(min, max), line });
        }
        if (delivery.chance(PROFILE.malformedShare)) {
          const bad = malformedRecord(delivery, household, timed.at, ids, issuer);
          const line: ProvinceLine = {
            topic: bad.topic,
            line: bad.line,
            householdId: household.householdId,
            type: bad.type,
            delivery: 'malformed',
            malformation: bad.kind,
          };
          this.tally.countLine(line);
          emitted += 1;
          yield line;
        }
        while (pending.length > 0 && (pending[0] as PendingDuplicate).due <= emitted) {
          const { line } = pending.shift() as PendingDuplicate;
          this.tally.countLine(line);
          emitted += 1;
          yield line;
        }
      }
    }
    for (const { line } of pending.splice(0)) {
      this.tally.countLine(line);
      yield line;
    }
    this.tally.complete();
    return this.tally.summary();
  }

  /** The next household, in a village drawn by size, registered in the window's first week (a few later: new households). */
  private composeNext(
    random: Random,
    picker: VillagePicker,
    householdNumbers: Map<string, number>,
    issuer: IdNumberIssuer,
  ): Household {
    const place = picker.pick(random);
    const number = (householdNumbers.get(place.village.code) ?? 0) + 1;
    householdNumbers.set(place.village.code, number);
    const { startDay, endDay } = this.window;
    const windowDays = endDay - startDay;
    const registeredDay =
      random.chance(PROFILE.newHouseholdShare) && windowDays > 60
        ? startDay + random.int(7, windowDays - 30)
        : startDay + random.int(0, Math.min(6, windowDays - 1));
    return composeHousehold(random, {
      householdId: `H${place.village.code}${String(number).padStart(5, '0')}`,
      regionCode: place.village.code,
      county: place.county,
      registeredDay,
      issuer,
    });
  }

  /**
   * The same lines as an async iterable that yields to the event loop now and then, for servers and
   * benchmarks that must stay responsive while they stream a large province.
   */
  async *stream(yieldEvery = 2_000): AsyncGenerator<ProvinceLine, ProvinceSummary> {
    const lines = this.lines();
    let count = 0;
    for (;;) {
      const next = lines.next();
      if (next.done) return next.value;
      yield next.value;
      count += 1;
      if (count % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** The records of a province with these options, as an async iterable. */
export const streamProvince = (
  options: Partial<ProvinceOptions> = {},
): AsyncGenerator<ProvinceLine, ProvinceSummary> => new ProvinceGenerator(options).stream();

const insertByDue = (pending: PendingDuplicate[], entry: PendingDuplicate): void => {
  let at = pending.length;
  while (at > 0 && (pending[at - 1] as PendingDuplicate).due > entry.due) at -= 1;
  pending.splice(at, 0, entry);
};

/** Upstream record ids: a counter per topic, e.g. `CLM0000000042`. */
class SourceIds implements SourceIdSequence {
  private readonly counters: Record<SourceTopic, number> = { registry: 0, income: 0, claims: 0 };

  next(topic: SourceTopic): string {
    this.counters[topic] += 1;
    return `${PREFIXES[topic]}${String(this.counters[topic]).padStart(10, '0')}`;
  }
}

const PREFIXES: Readonly<Record<SourceTopic, string>> = { registry: 'REG', income: 'INC', claims: 'CLM' };

const MAX_HOUSEHOLDS = 20_000_000;

export const validateOptions = (options: ProvinceOptions): ProvinceOptions => {
  if (!Number.isSafeInteger(options.households) || options.households < 1) {
    throw new RangeError(`households must be a positive whole number, got ${options.households}`);
  }
  if (options.households > MAX_HOUSEHOLDS) {
    throw new RangeError(`households: at most ${MAX_HOUSEHOLDS} (a province of 20 million rural households)`);
  }
  if (!Number.isInteger(options.months) || options.months < 1 || options.months > 60) {
    throw new RangeError(`months must be a whole number from 1 to 60, got ${options.months}`);
  }
  if (options.seed.length === 0) throw new RangeError('seed must not be empty');
  parseInstantWithOffset(options.until);
  return options;
};
