import { displayIdNumber } from './masking';

describe('ID number display', () => {
  it('shows a number the API masked exactly as it came', () => {
    expect(displayIdNumber('410423********001X')).toBe('410423********001X');
  });

  it('masks an unmasked number to its first 6 and last 4 characters', () => {
    expect(displayIdNumber('41042319680412001X')).toBe('410423********001X');
    expect(displayIdNumber('410423196804120017')).toBe('410423********0017');
  });

  it('never shows a short value that cannot be masked 6+4', () => {
    expect(displayIdNumber('1234567890')).toBe('**********');
  });

  it('shows a dash when there is no number', () => {
    expect(displayIdNumber(null)).toBe('—');
    expect(displayIdNumber('  ')).toBe('—');
  });
});
