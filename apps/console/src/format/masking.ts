/**
 * ID numbers are shown as the API returns them, masked to the first 6 and last 4 characters. Should an
 * unmasked number ever arrive, it is masked here too rather than shown.
 */
export function displayIdNumber(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  const id = value.trim();
  if (id.length <= 10) return '*'.repeat(id.length);
  const middle = id.slice(6, -4);
  if (/^\*+$/.test(middle)) return id;
  return `${id.slice(0, 6)}${'*'.repeat(middle.length)}${id.slice(-4)}`;
}
