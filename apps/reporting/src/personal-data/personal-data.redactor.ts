import { canActInRegion, type AuthUser } from '@monitoring/auth';
import { maskIdNumber } from '@monitoring/domain';
import { diagnosisClassOf, type DiagnosisClass } from './diagnosis-classes';
import { maskName, maskNamesInText } from './name-masking';

/**
 * What personal data a reader may see of one household (issue 6):
 * - ID numbers: always masked (first 6 and last 4 kept), for every role.
 * - Member names: in full for those who act on the household's case (a county officer of its county,
 *   province staff whose token names that county); masked for the others (province staff without a
 *   county, admins).
 * - Diagnoses: the ICD-10 code only for a county officer of the household's county; everyone else
 *   sees the disease class (the ICD-10 chapter).
 */
export interface PersonalDataRights {
  fullNames: boolean;
  diagnosisCodes: boolean;
}

export const personalDataRights = (user: AuthUser, regionCode: string): PersonalDataRights => ({
  fullNames: canActInRegion(user, regionCode),
  diagnosisCodes: user.role === 'county_officer' && canActInRegion(user, regionCode),
});

export interface DiagnosisView {
  /** The ICD-10 code, only for the county officer of the household's county. */
  diagnosisCode?: string;
  diagnosisClass: DiagnosisClass;
}

/** Keys of event data that hold free text written by people (may name members). */
const FREE_TEXT_KEYS = new Set(['reason', 'notes', 'description', 'kind']);

/**
 * Applies the rights to everything a response shows of one household: names, free text naming
 * members, ID numbers, diagnoses. Built per request with the household's member names, so free text
 * (factor explanations, officers' notes) is masked as well as the name fields.
 */
export class PersonalDataRedactor {
  private readonly names: string[];

  constructor(
    readonly rights: PersonalDataRights,
    memberNames: Iterable<string>,
  ) {
    this.names = [...new Set(memberNames)];
  }

  static for(user: AuthUser, regionCode: string, memberNames: Iterable<string>): PersonalDataRedactor {
    return new PersonalDataRedactor(personalDataRights(user, regionCode), memberNames);
  }

  name(name: string): string {
    return this.rights.fullNames ? name : maskName(name);
  }

  text(text: string): string {
    return this.rights.fullNames ? text : maskNamesInText(text, this.names);
  }

  idNumber(idNumber: string): string {
    return maskIdNumber(idNumber);
  }

  diagnosis(diagnosisCode: string): DiagnosisView {
    const diagnosisClass = diagnosisClassOf(diagnosisCode);
    return this.rights.diagnosisCodes ? { diagnosisCode, diagnosisClass } : { diagnosisClass };
  }

  /**
   * Event data as a reader may see it, whatever its type: ID numbers masked, birth dates dropped (they
   * are digits 7–14 of the ID number), names and free text masked as the rights say, diagnosis codes
   * replaced by their class. Keys are matched at any depth, so a new event type with the same field
   * names is covered without a change here.
   */
  eventData(data: unknown): unknown {
    if (Array.isArray(data)) return data.map((item) => this.eventData(item));
    if (data === null || typeof data !== 'object') return data;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (key === 'birthDate') continue;
      if (key === 'idNumber' && typeof value === 'string') result[key] = this.idNumber(value);
      else if (key === 'name' && typeof value === 'string') result[key] = this.name(value);
      else if (key === 'diagnosisCode' && typeof value === 'string')
        Object.assign(result, this.diagnosis(value));
      else if (FREE_TEXT_KEYS.has(key) && typeof value === 'string') result[key] = this.text(value);
      else result[key] = this.eventData(value);
    }
    return result;
  }
}
