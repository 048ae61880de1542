import { parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it.each<[string, number]>([
    ['2048', 2048],
    ['512b', 512],
    ['512kb', 512 * 1024],
    ['10mb', 10 * 1024 * 1024],
    ['10MB', 10 * 1024 * 1024],
    ['1.5mb', 1.5 * 1024 * 1024],
    ['1 gb', 1024 ** 3],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'mb', '10 megabytes', '-1mb', '1e3'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeNull();
  });
});
