import { diagnosisClassOf, UNCLASSIFIED_DIAGNOSIS } from './diagnosis-classes';

describe('diagnosis classes', () => {
  it.each([
    ['I63.9', 'I00-I99', '循环系统疾病'],
    ['C34.101', 'C00-D48', '肿瘤'],
    ['D48.9', 'C00-D48', '肿瘤'],
    ['D50.0', 'D50-D89', '血液及造血器官疾病和某些免疫疾患'],
    ['H60', 'H60-H95', '耳和乳突疾病'],
    ['H59.9', 'H00-H59', '眼和附器疾病'],
    ['S72.0', 'S00-T98', '损伤、中毒和外因的某些其他后果'],
    ['t81.4', 'S00-T98', '损伤、中毒和外因的某些其他后果'],
    ['E11.9', 'E00-E90', '内分泌、营养和代谢疾病'],
  ])('%s is in chapter %s', (code, chapter, nameZh) => {
    expect(diagnosisClassOf(code)).toMatchObject({ code: chapter, nameZh });
  });

  it('never echoes an unreadable code', () => {
    expect(diagnosisClassOf('not a code')).toEqual(UNCLASSIFIED_DIAGNOSIS);
    expect(diagnosisClassOf('E99.1')).toEqual(UNCLASSIFIED_DIAGNOSIS);
    expect(diagnosisClassOf('')).toEqual(UNCLASSIFIED_DIAGNOSIS);
  });
});
