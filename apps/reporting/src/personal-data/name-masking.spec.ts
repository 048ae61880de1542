import { maskName, maskNamesInText } from './name-masking';

describe('member name masking', () => {
  it('keeps the first character and hides the rest behind one star', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧*明');
    expect(maskName('王')).toBe('*');
    expect(maskName('Wang Jianguo')).toBe('W*o');
  });

  it('counts characters outside the basic plane as one', () => {
    expect(maskName('𠮷野')).toBe('𠮷*');
  });

  it('masks every known name in free text, the longer name first', () => {
    const text = 'Wang Lei (child) and Wang out of school; 王小明（户主）未参保';
    expect(maskNamesInText(text, ['Wang', 'Wang Lei', '王小明'])).toBe(
      'W*i (child) and W*g out of school; 王*明（户主）未参保',
    );
  });

  it('leaves text without the names, and text when no names are known, unchanged', () => {
    expect(maskNamesInText('house graded C', ['张三'])).toBe('house graded C');
    expect(maskNamesInText('张三 visited', [])).toBe('张三 visited');
  });

  it('treats names as plain text, not as patterns', () => {
    expect(maskNamesInText('a.b and axb', ['a.b'])).toBe('a*b and axb');
  });
});
