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

/** The closed vocabularies of the source records (DESIGN §8), as runtime lists of the catalog's types. */

/** Lists every member of the union `T`: a value left out fails to compile. */
const everyValueOf =
  <T extends string | number>() =>
  <const A extends readonly T[]>(
    values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never),
  ): A =>
    values;

export const RELATIONS = everyValueOf<Relation>()(['head', 'spouse', 'child', 'parent', 'other']);
export const LABOUR_CAPACITIES = everyValueOf<LabourCapacity>()(['full', 'partial', 'none']);
export const DISABILITY_GRADES = everyValueOf<DisabilityGrade>()([1, 2, 3, 4]);
export const DISEASE_CLASSES = everyValueOf<DiseaseClass>()(['A', 'B', 'C', 'D']);
export const SOCIAL_ASSISTANCE_PROGRAMMES = everyValueOf<SocialAssistanceProgramme>()(['dibao', 'tekun']);
export const HOUSING_GRADES = everyValueOf<HousingGrade>()(['A', 'B', 'C', 'D']);
export const VISIT_TYPES = everyValueOf<VisitType>()(['inpatient', 'outpatient', 'chronic_outpatient']);
export const INSTITUTION_LEVELS = everyValueOf<InstitutionLevel>()([
  'village',
  'township',
  'county',
  'city',
  'province',
  'out_of_province',
]);
