// The gift catalog being edited: text fields (value in major units) until launched, then
// validated against the wire schema the viewers use.
import { giftCatalogSchema, type Gift } from '../../../../shared/domain/liveCommerce';
import { formatMoney, parseMajor } from '../counters/money';

export interface GiftDraft {
  id: string;
  name: string;
  icon: string;
  value: string;
}

export const MAX_GIFTS = 12;

export const toDraft = (gifts: readonly Gift[]): GiftDraft[] => gifts.map((g) => ({ id: g.id, name: g.name, icon: g.icon, value: formatMoney(g.value) }));

/** The catalog to launch, or the 1-based row numbers that are not valid. */
export function fromDraft(draft: readonly GiftDraft[]): { ok: true; gifts: Gift[] } | { ok: false; badRows: number[] } {
  const badRows: number[] = [];
  const ids = new Set<string>();
  const gifts: Gift[] = [];
  draft.forEach((d, i) => {
    const value = parseMajor(d.value);
    const r = giftCatalogSchema.element.safeParse({ id: d.id.trim(), name: d.name.trim(), icon: d.icon.trim(), value });
    if (!r.success || ids.has(r.data.id)) badRows.push(i + 1);
    else {
      ids.add(r.data.id);
      gifts.push(r.data);
    }
  });
  if (draft.length === 0 || draft.length > MAX_GIFTS) return { ok: false, badRows };
  return badRows.length ? { ok: false, badRows } : { ok: true, gifts };
}
