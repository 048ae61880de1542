import { v5 as uuidv5 } from 'uuid';
import type {
  DiseaseClass,
  DisabilityGrade,
  HouseholdEvent,
  HouseholdEventType,
  HousingGrade,
  LabourCapacity,
  Member,
  Relation,
  SocialAssistanceProgramme,
  VisitType,
} from '../events/household.events';
import { HOUSEHOLD_EVENT_SCHEMA_VERSIONS } from '../events/schema-versions';
import { checkCharacter } from '../identifiers/resident-id-number';
import { yuanToFen } from '../money/fen';

/**
 * Builders of household events for tests (STYLE.md), valid by default and readable at the call site:
 *
 *   const household = aHousehold().formerlyPoor().withMembers(3);
 *   const events = [
 *     household.build(),
 *     anIncomeAssessment().forHousehold(household).netIncomeYuan(30_000).on('2025-12-31'),
 *     aClaim().forHousehold(household).outOfPocketYuan(14_200).settledOn('2026-03-01'),
 *   ].map(build);
 *
 * Ids are derived from the content (UUID v5, like the ingest's ids of source records), so the same
 * fact built twice is the same event (a redelivery), and tests never depend on build order. Give two
 * genuinely separate but identical facts their own ids (`withClaimId`, `withEventId`).
 */

export const DEFAULT_HOUSEHOLD_ID = 'H410423000001';
/** Lushan county, Pingdingshan, Henan: a township and a villagers' committee (DOMAIN.md). */
export const DEFAULT_REGION = '410423203201';
export const DEFAULT_REGISTERED_ON = '2024-01-15';
export const DEFAULT_FACT_ON = '2025-06-01';
const TEST_EVENT_NAMESPACE = '2f1d2b8e-7c4a-4a51-9a0e-6d8f3c1b5e77';

/** `2026-03-01` → `2026-03-01T10:00:00+08:00` (a working-day hour in Beijing time); a full ISO text as is. */
export const businessTime = (dateOrIso: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(dateOrIso) ? `${dateOrIso}T10:00:00+08:00` : dateOrIso;

const contentId = (...parts: unknown[]): string => uuidv5(JSON.stringify(parts), TEST_EVENT_NAMESPACE);

/** A valid 18-character resident ID number (GB 11643) with its computed check character. */
export const anIdNumber = (
  county: string,
  birthDate: string,
  sequence: number,
  sex: 'male' | 'female',
): string => {
  const sequenceDigits = String(sequence % 100).padStart(2, '0');
  const body = `${county}${birthDate.replaceAll('-', '')}${sequenceDigits}${sex === 'male' ? '1' : '2'}`;
  return body + checkCharacter(body);
};

export class MemberBuilder {
  private personIdValue?: string;
  private nameValue?: string;
  private relationValue: Relation = 'head';
  private birthDateValue = '1968-04-12';
  private sex: 'male' | 'female' = 'male';
  private labourCapacity: LabourCapacity = 'full';
  private disabilityGrade?: DisabilityGrade;
  private diseaseClass?: DiseaseClass;

  withPersonId(personId: string): this {
    this.personIdValue = personId;
    return this;
  }
  named(name: string): this {
    this.nameValue = name;
    return this;
  }
  as(relation: Relation): this {
    this.relationValue = relation;
    return this;
  }
  female(): this {
    this.sex = 'female';
    return this;
  }
  bornOn(birthDate: string): this {
    this.birthDateValue = birthDate;
    return this;
  }
  withLabourCapacity(labourCapacity: LabourCapacity): this {
    this.labourCapacity = labourCapacity;
    return this;
  }
  unableToWork(): this {
    return this.withLabourCapacity('none');
  }
  withDisability(grade: DisabilityGrade): this {
    this.disabilityGrade = grade;
    return this;
  }
  withDisease(diseaseClass: DiseaseClass): this {
    this.diseaseClass = diseaseClass;
    return this;
  }

  /** The member, with an ID number from the household's county; `index` numbers members without ids. */
  build(householdId = DEFAULT_HOUSEHOLD_ID, county = DEFAULT_REGION.slice(0, 6), index = 0): Member {
    const personId = this.personIdValue ?? `${householdId}-P${index + 1}`;
    return {
      personId,
      idNumber: anIdNumber(county, this.birthDateValue, index + 1, this.sex),
      name: this.nameValue ?? `Member ${index + 1}`,
      relation: this.relationValue,
      birthDate: this.birthDateValue,
      labourCapacity: this.labourCapacity,
      ...(this.disabilityGrade !== undefined && { disabilityGrade: this.disabilityGrade }),
      ...(this.diseaseClass !== undefined && { diseaseClass: this.diseaseClass }),
    };
  }
}

export const aHouseholdMember = (): MemberBuilder => new MemberBuilder();

/** Working-age couple, then children, then grandparents who cannot work. */
const typicalMember = (index: number): MemberBuilder => {
  switch (index) {
    case 0:
      return aHouseholdMember().as('head').named('Wang Jianguo').bornOn('1968-04-12');
    case 1:
      return aHouseholdMember().as('spouse').named('Li Xiuying').female().bornOn('1970-09-03');
    case 2:
      return aHouseholdMember().as('child').named('Wang Lei').bornOn('1995-06-21');
    case 3:
      return aHouseholdMember().as('child').named('Wang Fang').female().bornOn('1998-11-30');
    case 4:
      return aHouseholdMember().as('parent').named('Wang Deming').bornOn('1942-02-14').unableToWork();
    default:
      return aHouseholdMember()
        .as('other')
        .named(`Relative ${index + 1}`)
        .bornOn('1980-01-01');
  }
};

/** Anything that names a household: its id or its builder. */
export type HouseholdRef = string | HouseholdBuilder;
const householdIdOf = (household: HouseholdRef): string =>
  typeof household === 'string' ? household : household.householdId;

export class HouseholdBuilder {
  private id = DEFAULT_HOUSEHOLD_ID;
  private region = DEFAULT_REGION;
  private poor = false;
  private exitYear?: number;
  private memberBuilders: MemberBuilder[] = [typicalMember(0)];
  private registeredOnValue = DEFAULT_REGISTERED_ON;
  private eventIdValue?: string;

  get householdId(): string {
    return this.id;
  }
  get regionCode(): string {
    return this.region;
  }
  get memberCount(): number {
    return this.memberBuilders.length;
  }
  /** The built members (person ids `<householdId>-P1`, `-P2`, ... unless set). */
  get members(): Member[] {
    return this.memberBuilders.map((member, index) => member.build(this.id, this.region.slice(0, 6), index));
  }
  /** Person id of the n-th member (1-based, as in `-P1`). */
  personId(n: number): string {
    const member = this.members[n - 1];
    if (!member) throw new RangeError(`the household has ${this.memberCount} members, not ${n}`);
    return member.personId;
  }

  withId(householdId: string): this {
    this.id = householdId;
    return this;
  }
  inRegion(regionCode: string): this {
    this.region = regionCode;
    return this;
  }
  formerlyPoor(exitYear = 2019): this {
    this.poor = true;
    this.exitYear = exitYear;
    return this;
  }
  neverPoor(): this {
    this.poor = false;
    this.exitYear = undefined;
    return this;
  }
  /** A typical household of n members: a working couple, children, then a grandparent unable to work. */
  withMembers(count: number): this {
    this.memberBuilders = Array.from({ length: count }, (_, index) => typicalMember(index));
    return this;
  }
  /** Exactly these members. */
  withMemberList(...members: MemberBuilder[]): this {
    this.memberBuilders = members;
    return this;
  }
  registeredOn(dateOrIso: string): this {
    this.registeredOnValue = dateOrIso;
    return this;
  }
  withEventId(eventId: string): this {
    this.eventIdValue = eventId;
    return this;
  }

  build(): Extract<HouseholdEvent, { type: 'HouseholdRegistered' }> {
    const data = {
      householdId: this.id,
      regionCode: this.region,
      formerlyPoor: this.poor,
      ...(this.exitYear !== undefined && { povertyExitYear: this.exitYear }),
      members: this.members,
    };
    const occurredAt = businessTime(this.registeredOnValue);
    return {
      eventId: this.eventIdValue ?? contentId('HouseholdRegistered', data, occurredAt),
      type: 'HouseholdRegistered',
      schemaVersion: HOUSEHOLD_EVENT_SCHEMA_VERSIONS.HouseholdRegistered,
      data,
      metadata: { occurredAt, source: 'civil_affairs', sourceId: `reg-${this.id}` },
    };
  }
}

export const aHousehold = (): HouseholdBuilder => new HouseholdBuilder();

type EventOf<T extends HouseholdEventType> = Extract<HouseholdEvent, { type: T }>;

const SOURCES: Record<HouseholdEventType, string> = {
  HouseholdRegistered: 'civil_affairs',
  MemberAdded: 'public_security',
  MemberRemoved: 'public_security',
  LabourCapacityChanged: 'human_resources',
  DisabilityRecorded: 'disabled_persons_federation',
  SocialAssistanceChanged: 'civil_affairs',
  DisasterReported: 'emergency_management',
  SchoolDropoutReported: 'education',
  SchoolReturnReported: 'education',
  MedicalInsuranceChanged: 'medical_insurance',
  HousingSafetyAssessed: 'housing',
  DrinkingWaterAssessed: 'water_resources',
  IncomeAssessed: 'statistics',
  IncomeChangeReported: 'human_resources',
  ClaimSettled: 'medical_insurance',
  ClaimReversed: 'medical_insurance',
};

/** What every event builder shares: the household, the business time and the ids. */
export abstract class HouseholdEventBuilder<T extends HouseholdEventType> {
  protected household = DEFAULT_HOUSEHOLD_ID;
  protected occurredAt = businessTime(DEFAULT_FACT_ON);
  private eventIdValue?: string;

  protected constructor(private readonly type: T) {}

  forHousehold(household: HouseholdRef): this {
    this.household = householdIdOf(household);
    return this;
  }
  /** Business time: a date (10:00 Beijing time) or a full ISO 8601 text with offset. */
  on(dateOrIso: string): this {
    this.occurredAt = businessTime(dateOrIso);
    return this;
  }
  withEventId(eventId: string): this {
    this.eventIdValue = eventId;
    return this;
  }

  protected abstract data(): Omit<EventOf<T>['data'], 'householdId'>;

  build(): EventOf<T> {
    const data = { householdId: this.household, ...this.data() };
    const eventId = this.eventIdValue ?? contentId(this.type, data, this.occurredAt);
    return {
      eventId,
      type: this.type,
      schemaVersion: HOUSEHOLD_EVENT_SCHEMA_VERSIONS[this.type],
      data,
      metadata: { occurredAt: this.occurredAt, source: SOURCES[this.type], sourceId: eventId },
    } as unknown as EventOf<T>;
  }
}

/** Builds any builder (handy in `.map(build)`) and passes built events through. */
export const build = <E extends HouseholdEvent>(item: E | { build(): E }): E =>
  'build' in item && typeof item.build === 'function' ? item.build() : (item as E);

export class ClaimBuilder extends HouseholdEventBuilder<'ClaimSettled'> {
  private claimIdValue?: string;
  private person?: string;
  private visitType: VisitType = 'inpatient';
  private outOfPocketFen = 100_000;
  private basicInsuranceFen?: number;

  constructor() {
    super('ClaimSettled');
  }
  withClaimId(claimId: string): this {
    this.claimIdValue = claimId;
    return this;
  }
  forPerson(personId: string): this {
    this.person = personId;
    return this;
  }
  outpatient(): this {
    this.visitType = 'outpatient';
    return this;
  }
  outOfPocketYuan(yuan: number): this {
    this.outOfPocketFen = yuanToFen(yuan);
    return this;
  }
  outOfPocketFenAmount(fen: number): this {
    this.outOfPocketFen = fen;
    return this;
  }
  basicInsuranceYuan(yuan: number): this {
    this.basicInsuranceFen = yuanToFen(yuan);
    return this;
  }
  settledOn(dateOrIso: string): this {
    return this.on(dateOrIso);
  }
  get claimId(): string {
    return (
      this.claimIdValue ??
      `CLM-${contentId(this.household, this.person, this.outOfPocketFen, this.occurredAt).slice(0, 13)}`
    );
  }

  protected data() {
    // Parts add up to the total, as the ingest demands: basic insurance pays three times the patient's share.
    const basicInsuranceFen = this.basicInsuranceFen ?? 3 * this.outOfPocketFen;
    const totalFen = basicInsuranceFen + this.outOfPocketFen;
    return {
      claimId: this.claimId,
      personId: this.person ?? `${this.household}-P1`,
      visitType: this.visitType,
      institutionLevel: 'county' as const,
      inCounty: true,
      diagnosisCode: 'I63.9',
      totalFen,
      policyCoveredFen: totalFen,
      basicInsuranceFen,
      criticalIllnessFen: 0,
      medicalAssistanceFen: 0,
      commercialInsuranceFen: 0,
      hospitalWaiverFen: 0,
      otherFen: 0,
      outOfPocketFen: this.outOfPocketFen,
    };
  }
}
export const aClaim = (): ClaimBuilder => new ClaimBuilder();

export class ClaimReversalBuilder extends HouseholdEventBuilder<'ClaimReversed'> {
  constructor(private readonly claimId: string) {
    super('ClaimReversed');
  }
  protected data() {
    return { claimId: this.claimId, reason: 'settlement cancelled upstream' };
  }
}
/** The reversal of a claim, named by its id or by its builder (whose household it takes). */
export const aClaimReversal = (
  claim: string | ClaimBuilder | EventOf<'ClaimSettled'>,
): ClaimReversalBuilder => {
  if (typeof claim === 'string') return new ClaimReversalBuilder(claim);
  const settled = claim instanceof ClaimBuilder ? claim.build() : claim;
  return new ClaimReversalBuilder(settled.data.claimId).forHousehold(settled.data.householdId);
};

export class IncomeAssessmentBuilder extends HouseholdEventBuilder<'IncomeAssessed'> {
  private year = 2025;
  private netFen = 3_000_000;
  private members = 1;
  private perCapitaFen?: number;

  constructor() {
    super('IncomeAssessed');
  }
  /** Also takes the member count for the per-capita figure. */
  override forHousehold(household: HouseholdRef): this {
    if (typeof household !== 'string') this.members = Math.max(1, household.memberCount);
    return super.forHousehold(household);
  }
  forYear(year: number): this {
    this.year = year;
    return this;
  }
  netIncomeYuan(yuan: number): this {
    this.netFen = yuanToFen(yuan);
    return this;
  }
  netIncomeFen(fen: number): this {
    this.netFen = fen;
    return this;
  }
  perCapitaYuan(yuan: number): this {
    this.perCapitaFen = yuanToFen(yuan);
    return this;
  }
  protected data() {
    return {
      year: this.year,
      householdNetIncomeFen: this.netFen,
      perCapitaNetIncomeFen: this.perCapitaFen ?? Math.floor(this.netFen / this.members),
    };
  }
}
export const anIncomeAssessment = (): IncomeAssessmentBuilder => new IncomeAssessmentBuilder();

export class IncomeChangeBuilder extends HouseholdEventBuilder<'IncomeChangeReported'> {
  private monthlyFen = 200_000;
  private reason = 'job loss';
  constructor() {
    super('IncomeChangeReported');
  }
  monthlyYuan(yuan: number): this {
    this.monthlyFen = yuanToFen(yuan);
    return this;
  }
  monthlyFenAmount(fen: number): this {
    this.monthlyFen = fen;
    return this;
  }
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
  protected data() {
    return { monthlyIncomeFen: this.monthlyFen, reason: this.reason };
  }
}
export const anIncomeChange = (): IncomeChangeBuilder => new IncomeChangeBuilder();

export class DisasterBuilder extends HouseholdEventBuilder<'DisasterReported'> {
  private kindValue = 'flood';
  private lossFen = 1_000_000;
  constructor() {
    super('DisasterReported');
  }
  kind(kind: string): this {
    this.kindValue = kind;
    return this;
  }
  lossYuan(yuan: number): this {
    this.lossFen = yuanToFen(yuan);
    return this;
  }
  protected data() {
    return { kind: this.kindValue, lossFen: this.lossFen };
  }
}
export const aDisaster = (): DisasterBuilder => new DisasterBuilder();

class PersonFactBuilder<
  T extends 'SchoolDropoutReported' | 'SchoolReturnReported' | 'MemberRemoved',
> extends HouseholdEventBuilder<T> {
  constructor(
    type: T,
    private readonly fields: () => Omit<EventOf<T>['data'], 'householdId'>,
  ) {
    super(type);
  }
  protected data() {
    return this.fields();
  }
}

export const aSchoolDropout = (personId: string) =>
  new PersonFactBuilder('SchoolDropoutReported', () => ({ personId }));
export const aSchoolReturn = (personId: string) =>
  new PersonFactBuilder('SchoolReturnReported', () => ({ personId }));
export const aMemberRemoval = (personId: string, reason = 'migration') =>
  new PersonFactBuilder('MemberRemoved', () => ({ personId, reason }));

export class InsuranceChangeBuilder extends HouseholdEventBuilder<'MedicalInsuranceChanged'> {
  private insured = false;
  constructor(private readonly personId: string) {
    super('MedicalInsuranceChanged');
  }
  lapsed(): this {
    this.insured = false;
    return this;
  }
  enrolled(): this {
    this.insured = true;
    return this;
  }
  protected data() {
    return { personId: this.personId, insured: this.insured };
  }
}
/** A member's basic medical insurance changed; lapsed unless `.enrolled()`. */
export const anInsuranceChange = (personId: string): InsuranceChangeBuilder =>
  new InsuranceChangeBuilder(personId);

export class HousingAssessmentBuilder extends HouseholdEventBuilder<'HousingSafetyAssessed'> {
  constructor(private readonly grade: HousingGrade) {
    super('HousingSafetyAssessed');
  }
  protected data() {
    return { grade: this.grade };
  }
}
export const aHousingAssessment = (grade: HousingGrade): HousingAssessmentBuilder =>
  new HousingAssessmentBuilder(grade);

export class WaterAssessmentBuilder extends HouseholdEventBuilder<'DrinkingWaterAssessed'> {
  constructor(private readonly safe: boolean) {
    super('DrinkingWaterAssessed');
  }
  protected data() {
    return { safe: this.safe };
  }
}
export const aWaterAssessment = (safe: boolean): WaterAssessmentBuilder => new WaterAssessmentBuilder(safe);

export class MemberAddedBuilder extends HouseholdEventBuilder<'MemberAdded'> {
  private reason = 'birth';
  constructor(
    private readonly member: MemberBuilder,
    private readonly index: number,
  ) {
    super('MemberAdded');
  }
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
  protected data() {
    return {
      member: this.member.build(this.household, DEFAULT_REGION.slice(0, 6), this.index),
      reason: this.reason,
    };
  }
}
/** A member joining; `index` numbers the generated person id (`-P<index+1>`) unless the member has one. */
export const aMemberAddition = (member: MemberBuilder, index = 9): MemberAddedBuilder =>
  new MemberAddedBuilder(member, index);

export class LabourCapacityChangeBuilder extends HouseholdEventBuilder<'LabourCapacityChanged'> {
  constructor(
    private readonly personId: string,
    private readonly labourCapacity: LabourCapacity,
  ) {
    super('LabourCapacityChanged');
  }
  protected data() {
    return { personId: this.personId, labourCapacity: this.labourCapacity };
  }
}
export const aLabourCapacityChange = (personId: string, labourCapacity: LabourCapacity) =>
  new LabourCapacityChangeBuilder(personId, labourCapacity);

export class DisabilityRecordBuilder extends HouseholdEventBuilder<'DisabilityRecorded'> {
  constructor(
    private readonly personId: string,
    private readonly grade: DisabilityGrade,
  ) {
    super('DisabilityRecorded');
  }
  protected data() {
    return { personId: this.personId, disabilityGrade: this.grade };
  }
}
export const aDisabilityRecord = (personId: string, grade: DisabilityGrade) =>
  new DisabilityRecordBuilder(personId, grade);

export class SocialAssistanceChangeBuilder extends HouseholdEventBuilder<'SocialAssistanceChanged'> {
  constructor(
    private readonly programme: SocialAssistanceProgramme,
    private readonly enrolled: boolean,
  ) {
    super('SocialAssistanceChanged');
  }
  protected data() {
    return { programme: this.programme, enrolled: this.enrolled };
  }
}
export const aSocialAssistanceChange = (programme: SocialAssistanceProgramme, enrolled = true) =>
  new SocialAssistanceChangeBuilder(programme, enrolled);
