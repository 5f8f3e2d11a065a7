// Money and number display: values travel in minor units (fen/cents), shown with two decimals.
export const formatMoney = (minor: number): string => (minor / 100).toFixed(2);

/** Major-unit text ("199", "199.5", "199.00") → minor units; undefined when not a price. */
export function parseMajor(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return undefined;
  const [whole = '0', frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
