/**
 * The disease class of an ICD-10 diagnosis: its chapter (WHO ICD-10, as used by the national
 * healthcare-security platform). Readers who are not the county officer of the household see only
 * this class, never the code (issue 6): "circulatory system", not "I63.9 cerebral infarction".
 */
export interface DiagnosisClass {
  /** The chapter's code range, e.g. `I00-I99`. */
  code: string;
  name: string;
  nameZh: string;
}

interface Chapter extends DiagnosisClass {
  from: string;
  to: string;
}

const chapter = (from: string, to: string, name: string, nameZh: string): Chapter => ({
  from,
  to,
  code: `${from}-${to}`,
  name,
  nameZh,
});

// prettier-ignore
const CHAPTERS: readonly Chapter[] = [
  chapter('A00', 'B99', 'certain infectious and parasitic diseases', '某些传染病和寄生虫病'),
  chapter('C00', 'D48', 'neoplasms', '肿瘤'),
  chapter('D50', 'D89', 'diseases of the blood and blood-forming organs and certain immune disorders', '血液及造血器官疾病和某些免疫疾患'),
  chapter('E00', 'E90', 'endocrine, nutritional and metabolic diseases', '内分泌、营养和代谢疾病'),
  chapter('F00', 'F99', 'mental and behavioural disorders', '精神和行为障碍'),
  chapter('G00', 'G99', 'diseases of the nervous system', '神经系统疾病'),
  chapter('H00', 'H59', 'diseases of the eye and adnexa', '眼和附器疾病'),
  chapter('H60', 'H95', 'diseases of the ear and mastoid process', '耳和乳突疾病'),
  chapter('I00', 'I99', 'diseases of the circulatory system', '循环系统疾病'),
  chapter('J00', 'J99', 'diseases of the respiratory system', '呼吸系统疾病'),
  chapter('K00', 'K93', 'diseases of the digestive system', '消化系统疾病'),
  chapter('L00', 'L99', 'diseases of the skin and subcutaneous tissue', '皮肤和皮下组织疾病'),
  chapter('M00', 'M99', 'diseases of the musculoskeletal system and connective tissue', '肌肉骨骼系统和结缔组织疾病'),
  chapter('N00', 'N99', 'diseases of the genitourinary system', '泌尿生殖系统疾病'),
  chapter('O00', 'O99', 'pregnancy, childbirth and the puerperium', '妊娠、分娩和产褥期'),
  chapter('P00', 'P96', 'certain conditions originating in the perinatal period', '起源于围生期的某些情况'),
  chapter('Q00', 'Q99', 'congenital malformations and chromosomal abnormalities', '先天性畸形、变形和染色体异常'),
  chapter('R00', 'R99', 'symptoms, signs and abnormal findings not elsewhere classified', '症状、体征和异常所见，不可归类在他处者'),
  chapter('S00', 'T98', 'injury, poisoning and other consequences of external causes', '损伤、中毒和外因的某些其他后果'),
  chapter('U00', 'U99', 'codes for special purposes', '用于特殊目的的编码'),
  chapter('V01', 'Y98', 'external causes of morbidity and mortality', '疾病和死亡的外因'),
  chapter('Z00', 'Z99', 'factors influencing health status and contact with health services', '影响健康状态和与保健机构接触的因素'),
];

/** An unreadable code still says nothing about the diagnosis. */
export const UNCLASSIFIED_DIAGNOSIS: DiagnosisClass = {
  code: 'unclassified',
  name: 'unclassified diagnosis',
  nameZh: '未分类诊断',
};

const CATEGORY = /^([A-Z])(\d{2})/;

/** The chapter of an ICD-10 code (`I63.9`, `i63`, `C34.101`); UNCLASSIFIED_DIAGNOSIS when none fits. */
export const diagnosisClassOf = (diagnosisCode: string): DiagnosisClass => {
  const match = CATEGORY.exec(diagnosisCode.trim().toUpperCase());
  if (!match) return UNCLASSIFIED_DIAGNOSIS;
  const category = `${match[1]}${match[2]}`;
  const found = CHAPTERS.find((candidate) => category >= candidate.from && category <= candidate.to);
  if (!found) return UNCLASSIFIED_DIAGNOSIS;
  return { code: found.code, name: found.name, nameZh: found.nameZh };
};
