import { cronExpressionProblem } from './cron-expression';

describe('cronExpressionProblem', () => {
  it.each([
    '0 2 * * 1',
    '*/15 * * * *',
    '0 8-18/2 1,15 * MON-FRI',
    '0 0 1 JAN *',
    '0 0 ? * 7',
    '59 23 31 12 0',
  ])('accepts %s', (expression) => {
    expect(cronExpressionProblem(expression)).toBeNull();
  });

  it.each<[string, RegExp]>([
    ['0 2 * * 1 2026', /must have 5 fields.*found 6/],
    ['', /must have 5 fields/],
    ['60 * * * *', /minute field "60": values must lie in 0-59/],
    ['* 24 * * *', /hour field/],
    ['* * 0 * *', /day of month field/],
    ['* * * 13 *', /month field.*JAN\|FEB/],
    ['* * * * 8', /day of week field/],
    ['*/0 * * * *', /step must be at least 1/],
    ['5-1 * * * *', /runs backwards/],
    ['* * * * FUNDAY', /day of week field/],
    ['1,,2 * * * *', /not a value, range or step/],
  ])('refuses %s', (expression, problem) => {
    expect(cronExpressionProblem(expression)).toMatch(problem);
  });
});
