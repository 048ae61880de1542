import { checkCharacter, type Sex } from '../identifiers/resident-id-number';
import type {
  DisabilityGrade,
  DiseaseClass,
  HousingGrade,
  InstitutionLevel,
  LabourCapacity,
  Relation,
  SocialAssistanceProgramme,
  VisitType,
} from '../events/household.events';
import type { SourceRecordInput } from '../sources/source-record.schemas';
import type { SourceRecordType } from '../sources/source-topics';

/**
 * Test data builders for source records (STYLE.md): valid by default, with valid ID numbers, and
 * readable at the call site:
 *
 *   const household = aHouseholdRegistration().formerlyPoor().withMembers(3);
 *   const claim = aClaimRecord().forHousehold(household).outOfPocket(1_420_000).build();
 *
 * `build()` returns the plain JSON object a department would send. `.with({...})` patches raw fields
 * in, for tests of rejected records. Ids come from a counter, so every built record is distinct.
 */

/** Business time of built records unless set. */
export const DEFAULT_OCCURRED_AT = '2025-03-01T10:00:00+08:00';
/** Registrations happen before the facts reported about the household. */
export const DEFAULT_REGISTERED_AT = '2024-01-15T09:00:00+08:00';
/** A `now` later than every default business time above. */
export const DEFAULT_NOW = '2025-06-30T12:00:00+08:00';
/** Lushan county, Pingdingshan, Henan: a township and a villagers' committee (DOMAIN.md). */
export const DEFAULT_REGION_CODE = '410423203201';

let counter = 0;
const nextNumber = (): number => {
  counter += 1;
  return counter;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * A valid resident ID number: the county's 6 digits, the birth date, a sequence whose last digit
 * gives the sex, and the computed check character.
 */
export const anIdNumber = (
  options: { county?: string; birthDate?: string; sex?: Sex; sequence?: number } = {},
): string => {
  const county = options.county ?? DEFAULT_REGION_CODE.slice(0, 6);
  const birthDate = (options.birthDate ?? '1970-01-01').replaceAll('-', '');
  const sexDigit = (options.sex ?? 'male') === 'male' ? '1' : '2';
  const body = `${county}${birthDate}${pad((options.sequence ?? nextNumber()) % 100, 2)}${sexDigit}`;
  return body + checkCharacter(body);
};

type MemberInput = SourceRecordInput<'member_added'>['member'];

export class MemberBuilder {
  private personId = `P${pad(nextNumber(), 6)}`;
  private readonly sequence = nextNumber();
  private name = '张伟';
  private relation: Relation = 'head';
  private birthDate = '1968-04-12';
  private sex: Sex = 'male';
  private labourCapacity: LabourCapacity = 'full';
  private county = DEFAULT_REGION_CODE.slice(0, 6);
  private disabilityGrade?: DisabilityGrade;
  private diseaseClass?: DiseaseClass;
  private idNumber?: string;
  private patch: Record<string, unknown> = {};

  get id(): string {
    return this.personId;
  }

  withPersonId(personId: string): this {
    this.personId = personId;
    return this;
  }
  named(name: string): this {
    this.name = name;
    return this;
  }
  as(relation: Relation): this {
    this.relation = relation;
    return this;
  }
  asHead(): this {
    return this.as('head');
  }
  bornOn(birthDate: string): this {
    this.birthDate = birthDate;
    return this;
  }
  male(): this {
    this.sex = 'male';
    return this;
  }
  female(): this {
    this.sex = 'female';
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
  /** The county (6 digits) that issued the ID number; a household's own county by default. */
  registeredIn(county: string): this {
    this.county = county;
    return this;
  }
  /** An explicit ID number instead of the generated one (for rejection tests). */
  withIdNumber(idNumber: string): this {
    this.idNumber = idNumber;
    return this;
  }
  /** Raw fields patched into the built member, valid or not. */
  with(patch: Record<string, unknown>): this {
    this.patch = { ...this.patch, ...patch };
    return this;
  }

  build(): MemberInput {
    const idNumber =
      this.idNumber ??
      anIdNumber({ county: this.county, birthDate: this.birthDate, sex: this.sex, sequence: this.sequence });
    return {
      personId: this.personId,
      idNumber,
      name: this.name,
      relation: this.relation,
      birthDate: this.birthDate,
      labourCapacity: this.labourCapacity,
      ...(this.disabilityGrade !== undefined && { disabilityGrade: this.disabilityGrade }),
      ...(this.diseaseClass !== undefined && { diseaseClass: this.diseaseClass }),
      ...this.patch,
    } as MemberInput;
  }
}

export const aMember = (): MemberBuilder => new MemberBuilder();

/** A typical household, member by member: head, spouse, two children, two grandparents, more children. */
const typicalMember = (index: number, county: string): MemberBuilder => {
  const member = aMember().registeredIn(county);
  switch (index) {
    case 0:
      return member.asHead().named('王建国').male().bornOn('1968-04-12');
    case 1:
      return member.as('spouse').named('李秀英').female().bornOn('1970-09-03');
    case 2:
      return member.as('child').named('王磊').male().bornOn('1995-06-21');
    case 3:
      return member.as('child').named('王芳').female().bornOn('1998-11-30');
    case 4:
      return member.as('parent').named('王德明').male().bornOn('1942-02-14').unableToWork();
    case 5:
      return member.as('parent').named('赵桂兰').female().bornOn('1944-08-08').unableToWork();
    default:
      return member
        .as('child')
        .named(`王${index}`)
        .female()
        .bornOn(`${2000 + (index % 20)}-0${1 + (index % 9)}-15`);
  }
};

/** Anything that names a household: its id, a registration builder, or a registration record. */
export type HouseholdReference = string | HouseholdRegistrationBuilder | { householdId: string };

const householdIdOf = (household: HouseholdReference): string =>
  typeof household === 'string' ? household : household.householdId;

abstract class RecordBuilder<T extends SourceRecordType> {
  protected sourceId: string;
  protected at = DEFAULT_OCCURRED_AT;
  protected household = `H${pad(nextNumber(), 8)}`;
  private patch: Record<string, unknown> = {};

  protected constructor(
    private readonly type: T,
    sourceIdPrefix: string,
  ) {
    this.sourceId = `${sourceIdPrefix}-${pad(nextNumber(), 8)}`;
  }

  get householdId(): string {
    return this.household;
  }
  get id(): string {
    return this.sourceId;
  }

  forHousehold(household: HouseholdReference): this {
    this.household = householdIdOf(household);
    return this;
  }
  withSourceId(sourceId: string): this {
    this.sourceId = sourceId;
    return this;
  }
  occurredAt(isoDateTime: string): this {
    this.at = isoDateTime;
    return this;
  }
  /** Raw fields patched into the built record, valid or not (unknown fields, wrong types, ...). */
  with(patch: Record<string, unknown>): this {
    this.patch = { ...this.patch, ...patch };
    return this;
  }

  build(): SourceRecordInput<T> {
    return {
      type: this.type,
      sourceId: this.sourceId,
      occurredAt: this.at,
      householdId: this.household,
      ...this.fields(),
      ...this.patch,
    } as SourceRecordInput<T>;
  }

  protected abstract fields(): Record<string, unknown>;
}

export class HouseholdRegistrationBuilder extends RecordBuilder<'household_registered'> {
  private regionCode = DEFAULT_REGION_CODE;
  private isFormerlyPoor = false;
  private exitYear?: number;
  private memberBuilders: MemberBuilder[] | undefined;

  constructor() {
    super('household_registered', 'REG');
    this.at = DEFAULT_REGISTERED_AT;
  }

  /** The person ids of the members, in order. */
  get personIds(): string[] {
    return this.members().map((member) => member.id);
  }
  get memberCount(): number {
    return this.members().length;
  }

  withHouseholdId(householdId: string): this {
    return this.forHousehold(householdId);
  }
  inRegion(regionCode: string): this {
    this.regionCode = regionCode;
    return this;
  }
  formerlyPoor(exitYear = 2019): this {
    this.isFormerlyPoor = true;
    this.exitYear = exitYear;
    return this;
  }
  neverPoor(): this {
    this.isFormerlyPoor = false;
    this.exitYear = undefined;
    return this;
  }
  /** A typical household of `count` members: head, spouse, children, grandparents. */
  withMembers(count: number): this {
    this.memberBuilders = Array.from({ length: count }, (_, index) =>
      typicalMember(index, this.regionCode.slice(0, 6)),
    );
    return this;
  }
  /** Adds a member (after the head, when none were set). */
  withMember(member: MemberBuilder): this {
    this.memberBuilders = [...this.members(), member];
    return this;
  }

  private members(): MemberBuilder[] {
    this.memberBuilders ??= [typicalMember(0, this.regionCode.slice(0, 6))];
    return this.memberBuilders;
  }

  protected fields(): Record<string, unknown> {
    return {
      regionCode: this.regionCode,
      formerlyPoor: this.isFormerlyPoor,
      ...(this.exitYear !== undefined && { povertyExitYear: this.exitYear }),
      members: this.members().map((member) => member.build()),
    };
  }
}

export const aHouseholdRegistration = (): HouseholdRegistrationBuilder => new HouseholdRegistrationBuilder();

type ClaimPart =
  | 'basicInsuranceFen'
  | 'criticalIllnessFen'
  | 'medicalAssistanceFen'
  | 'commercialInsuranceFen'
  | 'hospitalWaiverFen'
  | 'otherFen'
  | 'outOfPocketFen';

/**
 * A claim whose parts add up: the total is the sum of the payers and out-of-pocket unless overridden
 * with `withTotal`. Policy-covered cost defaults to the total less half the out-of-pocket part (the
 * fully self-paid share).
 */
export class ClaimRecordBuilder extends RecordBuilder<'claim_settled'> {
  private personId = `P${pad(nextNumber(), 6)}`;
  private visitType: VisitType = 'inpatient';
  private institutionLevel: InstitutionLevel = 'county';
  private inCounty = true;
  private diagnosisCode = 'I63.900';
  private readonly parts: Record<ClaimPart, number> = {
    basicInsuranceFen: 2_400_000,
    criticalIllnessFen: 0,
    medicalAssistanceFen: 300_000,
    commercialInsuranceFen: 0,
    hospitalWaiverFen: 0,
    otherFen: 0,
    outOfPocketFen: 800_000,
  };
  private policyCoveredFen?: number;
  private totalFen?: number;

  constructor() {
    super('claim_settled', 'CLM');
  }

  /** The household, and its head as the patient when a registration is given. */
  override forHousehold(household: HouseholdReference): this {
    super.forHousehold(household);
    if (household instanceof HouseholdRegistrationBuilder) this.personId = household.personIds[0];
    return this;
  }
  forPerson(person: string | MemberBuilder): this {
    this.personId = typeof person === 'string' ? person : person.id;
    return this;
  }
  settledAt(isoDateTime: string): this {
    return this.occurredAt(isoDateTime);
  }
  inpatient(): this {
    this.visitType = 'inpatient';
    return this;
  }
  outpatient(): this {
    this.visitType = 'outpatient';
    return this;
  }
  chronicOutpatient(): this {
    this.visitType = 'chronic_outpatient';
    return this;
  }
  atInstitution(
    level: InstitutionLevel,
    inCounty = level !== 'city' && level !== 'province' && level !== 'out_of_province',
  ): this {
    this.institutionLevel = level;
    this.inCounty = inCounty;
    return this;
  }
  diagnosedWith(icd10: string): this {
    this.diagnosisCode = icd10;
    return this;
  }
  basicInsurance(fen: number): this {
    return this.part('basicInsuranceFen', fen);
  }
  criticalIllness(fen: number): this {
    return this.part('criticalIllnessFen', fen);
  }
  medicalAssistance(fen: number): this {
    return this.part('medicalAssistanceFen', fen);
  }
  commercialInsurance(fen: number): this {
    return this.part('commercialInsuranceFen', fen);
  }
  hospitalWaiver(fen: number): this {
    return this.part('hospitalWaiverFen', fen);
  }
  other(fen: number): this {
    return this.part('otherFen', fen);
  }
  outOfPocket(fen: number): this {
    return this.part('outOfPocketFen', fen);
  }
  policyCovered(fen: number): this {
    this.policyCoveredFen = fen;
    return this;
  }
  /** A total that need not match the parts (for rejection tests). */
  withTotal(fen: number): this {
    this.totalFen = fen;
    return this;
  }

  private part(part: ClaimPart, fen: number): this {
    this.parts[part] = fen;
    return this;
  }

  protected fields(): Record<string, unknown> {
    const sum = Object.values(this.parts).reduce((total, fen) => total + fen, 0);
    const totalFen = this.totalFen ?? sum;
    return {
      personId: this.personId,
      visitType: this.visitType,
      institutionLevel: this.institutionLevel,
      inCounty: this.inCounty,
      diagnosisCode: this.diagnosisCode,
      totalFen,
      policyCoveredFen: this.policyCoveredFen ?? totalFen - Math.floor(this.parts.outOfPocketFen / 2),
      ...this.parts,
    };
  }
}

export const aClaimRecord = (): ClaimRecordBuilder => new ClaimRecordBuilder();

export class ClaimReversalBuilder extends RecordBuilder<'claim_reversed'> {
  private claimId = `CLM-${pad(nextNumber(), 8)}`;
  private reason = 'settlement cancelled by the hospital';

  constructor() {
    super('claim_reversed', 'REV');
  }

  /** Reverses this claim: its id and household. */
  of(claim: ClaimRecordBuilder | { sourceId: string; householdId: string }): this {
    this.claimId = claim instanceof ClaimRecordBuilder ? claim.id : claim.sourceId;
    return this.forHousehold(claim.householdId);
  }
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
  protected fields(): Record<string, unknown> {
    return { claimId: this.claimId, reason: this.reason };
  }
}

export const aClaimReversal = (): ClaimReversalBuilder => new ClaimReversalBuilder();

export class IncomeAssessmentBuilder extends RecordBuilder<'income_assessed'> {
  private year = 2024;
  private householdNetIncomeFen = 3_600_000;
  private perCapitaNetIncomeFen = 1_200_000;

  constructor() {
    super('income_assessed', 'INC');
  }

  forYear(year: number): this {
    this.year = year;
    return this;
  }
  /** Household net income, and per capita over `members` (3 by default, or the registration's count). */
  netIncome(householdFen: number, members = 3): this {
    this.householdNetIncomeFen = householdFen;
    this.perCapitaNetIncomeFen = Math.floor(householdFen / members);
    return this;
  }
  /** Sets the household, and divides income over its members when a registration is given. */
  override forHousehold(household: HouseholdReference): this {
    super.forHousehold(household);
    if (household instanceof HouseholdRegistrationBuilder) {
      this.perCapitaNetIncomeFen = Math.floor(this.householdNetIncomeFen / household.memberCount);
    }
    return this;
  }
  perCapita(fen: number): this {
    this.perCapitaNetIncomeFen = fen;
    return this;
  }
  protected fields(): Record<string, unknown> {
    return {
      year: this.year,
      householdNetIncomeFen: this.householdNetIncomeFen,
      perCapitaNetIncomeFen: this.perCapitaNetIncomeFen,
    };
  }
}

export const anIncomeAssessment = (): IncomeAssessmentBuilder => new IncomeAssessmentBuilder();

export class IncomeChangeBuilder extends RecordBuilder<'income_change_reported'> {
  private monthlyIncomeFen = 150_000;
  private reason = 'job loss';

  constructor() {
    super('income_change_reported', 'INCCHG');
  }

  monthly(fen: number): this {
    this.monthlyIncomeFen = fen;
    return this;
  }
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
  /** The income change takes effect at the business time. */
  effectiveAt(isoDateTime: string): this {
    return this.occurredAt(isoDateTime);
  }
  protected fields(): Record<string, unknown> {
    return { monthlyIncomeFen: this.monthlyIncomeFen, reason: this.reason };
  }
}

export const anIncomeChange = (): IncomeChangeBuilder => new IncomeChangeBuilder();

/** Builders of the small registry records: the fields of the type, with `.with()` to change them. */
class SimpleRecordBuilder<T extends SourceRecordType> extends RecordBuilder<T> {
  constructor(
    type: T,
    sourceIdPrefix: string,
    private readonly defaults: Record<string, unknown>,
  ) {
    super(type, sourceIdPrefix);
  }
  protected fields(): Record<string, unknown> {
    return this.defaults;
  }
}

export const aMemberAddition = (
  member: MemberBuilder = aMember().as('child').bornOn('2024-12-01').female(),
) => new SimpleRecordBuilder('member_added', 'REG', { member: member.build(), reason: 'birth' });
export const aMemberRemoval = (personId: string, reason = 'death') =>
  new SimpleRecordBuilder('member_removed', 'REG', { personId, reason });
export const aLabourCapacityChange = (personId: string, labourCapacity: LabourCapacity) =>
  new SimpleRecordBuilder('labour_capacity_changed', 'REG', { personId, labourCapacity });
export const aDisabilityRecord = (personId: string, disabilityGrade: DisabilityGrade) =>
  new SimpleRecordBuilder('disability_recorded', 'DPF', { personId, disabilityGrade });
export const aSocialAssistanceChange = (programme: SocialAssistanceProgramme, enrolled: boolean) =>
  new SimpleRecordBuilder('social_assistance_changed', 'CA', { programme, enrolled });
export const aDisasterReport = (lossFen: number, kind = 'flood') =>
  new SimpleRecordBuilder('disaster_reported', 'EM', { kind, lossFen });
export const aSchoolDropout = (personId: string) =>
  new SimpleRecordBuilder('school_dropout_reported', 'EDU', { personId });
export const aSchoolReturn = (personId: string) =>
  new SimpleRecordBuilder('school_return_reported', 'EDU', { personId });
export const aMedicalInsuranceChange = (personId: string, insured: boolean) =>
  new SimpleRecordBuilder('medical_insurance_changed', 'HS', { personId, insured });
export const aHousingSafetyAssessment = (grade: HousingGrade) =>
  new SimpleRecordBuilder('housing_safety_assessed', 'HOU', { grade });
export const aDrinkingWaterAssessment = (safe: boolean) =>
  new SimpleRecordBuilder('drinking_water_assessed', 'WAT', { safe });
