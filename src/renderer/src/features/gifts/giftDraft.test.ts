import { describe, expect, it } from 'vitest';
import { DEFAULT_GIFT_CATALOG } from '../../../../shared/domain/liveCommerce';
import { fromDraft, toDraft } from './giftDraft';

describe('gift drafts', () => {
  it('round-trips the catalog with values in major units', () => {
    const draft = toDraft(DEFAULT_GIFT_CATALOG);
    expect(draft[0]).toEqual({ id: 'rose', name: 'Rose', icon: '🌹', value: '1.00' });
    expect(fromDraft(draft)).toEqual({ ok: true, gifts: DEFAULT_GIFT_CATALOG });
  });

  it('names the invalid rows (empty name, bad value, duplicate id)', () => {
    const r = fromDraft([
      { id: 'a', name: 'A', icon: '', value: '1' },
      { id: 'b', name: '', icon: '', value: '1' },
      { id: 'c', name: 'C', icon: '', value: 'x' },
      { id: 'a', name: 'A2', icon: '', value: '2' },
    ]);
    expect(r).toEqual({ ok: false, badRows: [2, 3, 4] });
    expect(fromDraft([]).ok).toBe(false);
  });
});
