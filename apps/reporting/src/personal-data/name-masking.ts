/**
 * Member names for readers who do not act on the household's case (DESIGN §8, issue 6): the first
 * character and a single `*`, with the last character kept on names of three or more characters
 * (张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧*明). One `*` whatever the length, so the mask does not
 * tell the name's length either. Counted in Unicode code points, never UTF-16 halves.
 */
export const maskName = (name: string): string => {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  if (characters.length === 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}*${characters[characters.length - 1]}`;
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks every occurrence of the given names in free text (explanations, notes, reasons), longest name
 * first so that `Wang Lei` is not half-masked by a member called `Wang`. Names shorter than two
 * characters are masked too: over-masking a word is the safe error.
 */
export const maskNamesInText = (text: string, names: Iterable<string>): string => {
  const distinct = [...new Set([...names].map((name) => name.trim()).filter((name) => name.length > 0))];
  if (distinct.length === 0 || text.length === 0) return text;
  distinct.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(distinct.map(escapeRegExp).join('|'), 'g');
  return text.replace(pattern, (found) => maskName(found));
};
