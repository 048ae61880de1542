import type { DiseaseClass } from '@monitoring/domain/events/household.events';
import type { Random } from './random';

/**
 * A small, realistic ICD-10 table (three-character categories) with typical rural bills. Median
 * totals are in yuan at a county hospital (for cancers, one treatment cycle); the settlement draws
 * around them with a heavy tail.
 */
export interface Diagnosis {
  code: string;
  name: string;
  /** Median total of one outpatient visit, yuan. */
  outpatientYuan: number;
  /** Median total of one month's chronic-disease outpatient care, yuan (0: not a chronic-care diagnosis). */
  chronicYuan: number;
  /** Median total of one inpatient stay at a county hospital, yuan. */
  inpatientYuan: number;
}

const TABLE = {
  I63: { name: 'cerebral infarction (stroke)', outpatientYuan: 260, chronicYuan: 420, inpatientYuan: 17_000 },
  I61: { name: 'intracerebral haemorrhage', outpatientYuan: 300, chronicYuan: 450, inpatientYuan: 32_000 },
  I21: { name: 'acute myocardial infarction', outpatientYuan: 320, chronicYuan: 380, inpatientYuan: 36_000 },
  I25: {
    name: 'chronic ischaemic heart disease',
    outpatientYuan: 220,
    chronicYuan: 360,
    inpatientYuan: 11_000,
  },
  I10: { name: 'essential hypertension', outpatientYuan: 120, chronicYuan: 180, inpatientYuan: 5_200 },
  I50: { name: 'heart failure', outpatientYuan: 260, chronicYuan: 400, inpatientYuan: 13_000 },
  C34: {
    name: 'malignant neoplasm of bronchus and lung',
    outpatientYuan: 900,
    chronicYuan: 3_200,
    inpatientYuan: 24_000,
  },
  C16: {
    name: 'malignant neoplasm of stomach',
    outpatientYuan: 850,
    chronicYuan: 2_800,
    inpatientYuan: 22_000,
  },
  C22: {
    name: 'malignant neoplasm of liver',
    outpatientYuan: 900,
    chronicYuan: 3_000,
    inpatientYuan: 26_000,
  },
  C50: {
    name: 'malignant neoplasm of breast',
    outpatientYuan: 800,
    chronicYuan: 2_600,
    inpatientYuan: 18_000,
  },
  C18: {
    name: 'malignant neoplasm of colon',
    outpatientYuan: 820,
    chronicYuan: 2_700,
    inpatientYuan: 21_000,
  },
  N18: {
    name: 'chronic kidney disease (dialysis)',
    outpatientYuan: 450,
    chronicYuan: 5_600,
    inpatientYuan: 15_000,
  },
  F20: { name: 'schizophrenia', outpatientYuan: 260, chronicYuan: 520, inpatientYuan: 14_000 },
  E11: { name: 'type 2 diabetes mellitus', outpatientYuan: 160, chronicYuan: 320, inpatientYuan: 7_000 },
  J44: {
    name: 'chronic obstructive pulmonary disease',
    outpatientYuan: 180,
    chronicYuan: 300,
    inpatientYuan: 9_000,
  },
  B18: { name: 'chronic viral hepatitis', outpatientYuan: 260, chronicYuan: 620, inpatientYuan: 10_000 },
  G20: { name: "Parkinson's disease", outpatientYuan: 220, chronicYuan: 480, inpatientYuan: 9_500 },
  J18: { name: 'pneumonia', outpatientYuan: 230, chronicYuan: 0, inpatientYuan: 6_000 },
  J06: {
    name: 'acute upper respiratory infection',
    outpatientYuan: 75,
    chronicYuan: 0,
    inpatientYuan: 2_600,
  },
  J20: { name: 'acute bronchitis', outpatientYuan: 110, chronicYuan: 0, inpatientYuan: 3_200 },
  R50: { name: 'fever of unknown origin', outpatientYuan: 65, chronicYuan: 0, inpatientYuan: 2_400 },
  A09: { name: 'gastroenteritis and colitis', outpatientYuan: 95, chronicYuan: 0, inpatientYuan: 2_800 },
  K29: { name: 'gastritis and duodenitis', outpatientYuan: 150, chronicYuan: 0, inpatientYuan: 4_200 },
  K35: { name: 'acute appendicitis', outpatientYuan: 180, chronicYuan: 0, inpatientYuan: 9_000 },
  K80: { name: 'cholelithiasis', outpatientYuan: 200, chronicYuan: 0, inpatientYuan: 14_000 },
  S72: { name: 'fracture of femur', outpatientYuan: 300, chronicYuan: 0, inpatientYuan: 26_000 },
  S82: { name: 'fracture of lower leg', outpatientYuan: 260, chronicYuan: 0, inpatientYuan: 19_000 },
  M17: {
    name: 'gonarthrosis (knee osteoarthritis)',
    outpatientYuan: 170,
    chronicYuan: 0,
    inpatientYuan: 12_000,
  },
  M54: { name: 'dorsalgia (back pain)', outpatientYuan: 140, chronicYuan: 0, inpatientYuan: 6_500 },
  H25: { name: 'senile cataract', outpatientYuan: 120, chronicYuan: 0, inpatientYuan: 5_000 },
  O80: { name: 'single spontaneous delivery', outpatientYuan: 150, chronicYuan: 0, inpatientYuan: 3_800 },
} as const satisfies Record<string, Omit<Diagnosis, 'code'>>;

export type DiagnosisCode = keyof typeof TABLE;

export const DIAGNOSES: Readonly<Record<DiagnosisCode, Diagnosis>> = Object.fromEntries(
  Object.entries(TABLE).map(([code, entry]) => [code, { code, ...entry }]),
) as Record<DiagnosisCode, Diagnosis>;

export const diagnosis = (code: DiagnosisCode): Diagnosis => DIAGNOSES[code];

/** The condition that gives a member a disease class (the Lingqiu pilot's A–D classes). */
export const conditionFor = (random: Random, diseaseClass: DiseaseClass, age: number): DiagnosisCode => {
  switch (diseaseClass) {
    case 'A':
      return random.weighted<DiagnosisCode>([
        ['C34', age >= 45 ? 14 : 2],
        ['C16', age >= 45 ? 10 : 2],
        ['C22', age >= 40 ? 7 : 2],
        ['C50', age >= 30 ? 6 : 1],
        ['C18', age >= 45 ? 5 : 1],
        ['N18', 12],
        ['I61', age >= 50 ? 7 : 1],
        ['I21', age >= 50 ? 6 : 1],
        ['I63', age >= 50 ? 12 : 1],
        ['F20', age < 60 ? 10 : 4],
      ]);
    case 'C':
      return random.weighted<DiagnosisCode>([
        ['I10', 34],
        ['E11', 24],
        ['I25', age >= 50 ? 12 : 2],
        ['J44', age >= 55 ? 10 : 1],
        ['B18', 6],
        ['G20', age >= 60 ? 4 : 0.5],
        ['I63', age >= 55 ? 8 : 1],
      ]);
    case 'B':
      return random.weighted<DiagnosisCode>([
        ['J18', 20],
        ['K80', age >= 30 ? 16 : 3],
        ['K35', age < 50 ? 12 : 4],
        ['S72', age >= 60 ? 10 : 2],
        ['S82', 8],
        ['H25', age >= 60 ? 10 : 0.5],
      ]);
    case 'D':
      return random.weighted<DiagnosisCode>([
        ['I50', 10],
        ['J44', 10],
        ['I25', 8],
        ['M17', 8],
        ['I63', 6],
      ]);
  }
};

/** An everyday outpatient diagnosis for someone of this age. */
export const outpatientDiagnosis = (random: Random, age: number): DiagnosisCode =>
  age < 15
    ? random.weighted<DiagnosisCode>([
        ['J06', 45],
        ['J20', 18],
        ['R50', 20],
        ['A09', 17],
      ])
    : random.weighted<DiagnosisCode>([
        ['J06', 30],
        ['J20', 12],
        ['K29', 14],
        ['M54', age >= 30 ? 12 : 4],
        ['A09', 6],
        ['I10', age >= 45 ? 14 : 1],
        ['M17', age >= 50 ? 10 : 0.5],
        ['E11', age >= 45 ? 6 : 0.5],
      ]);

/** A hospital-stay diagnosis for someone of this age and sex without a registered condition. */
export const inpatientDiagnosis = (random: Random, age: number, male: boolean): DiagnosisCode =>
  random.weighted<DiagnosisCode>([
    ['J18', age < 6 || age >= 65 ? 30 : 10],
    ['J20', age < 15 ? 14 : 2],
    ['A09', age < 10 ? 10 : 1],
    ['K80', age >= 30 ? 9 : 0.5],
    ['K35', age >= 8 && age < 50 ? 8 : 2],
    ['S72', age >= 65 ? 8 : 0.5],
    ['S82', age >= 15 ? 5 : 2],
    ['H25', age >= 60 ? 9 : 0],
    ['I63', age >= 55 ? 9 : 0.2],
    ['I21', age >= 55 ? 3 : 0.1],
    ['I10', age >= 50 ? 4 : 0.2],
    ['E11', age >= 45 ? 4 : 0.2],
    ['J44', age >= 60 ? 6 : 0.2],
    ['K29', age >= 15 ? 4 : 1],
    ['M17', age >= 55 ? 3 : 0],
    ['O80', !male && age >= 20 && age <= 40 ? 12 : 0],
  ]);

/** Whether the code is one of the 50 major diseases (class A conditions), used for outpatient specialist care. */
export const isMajorDisease = (code: DiagnosisCode): boolean =>
  code === 'C34' ||
  code === 'C16' ||
  code === 'C22' ||
  code === 'C50' ||
  code === 'C18' ||
  code === 'N18' ||
  code === 'I61' ||
  code === 'I21' ||
  code === 'F20';
