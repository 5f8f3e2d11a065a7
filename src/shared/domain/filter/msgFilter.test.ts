import { describe, expect, it } from 'vitest';
import { filterMsgBody, type LooseMsgElem } from './msgFilter';
import { WordFilter } from './wordFilter';

const mask = new WordFilter([{ id: 'm', action: 'mask', words: ['bad'] }]);
const reject = new WordFilter([{ id: 'r', action: 'reject', words: ['bad'] }]);

describe('filterMsgBody', () => {
  it('masks text and custom fields, keeping element order and types', () => {
    const body: LooseMsgElem[] = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'so bad' } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'bad' } },
      {
        MsgType: 'TIMCustomElem',
        MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: JSON.stringify({ giftId: 'rose', note: 'B A D gift', count: 1 }) },
      },
    ];
    const r = filterMsgBody(mask, body);
    expect(r.verdict).toBe('mask');
    expect(r.body?.map((e) => e.MsgType)).toEqual(['TIMTextElem', 'TIMFaceElem', 'TIMCustomElem']);
    expect(r.body?.[0]?.MsgContent.Text).toBe('so ***');
    expect(r.body?.[1]).toBe(body[1]);
    expect(JSON.parse(r.body?.[2]?.MsgContent.Ext as string)).toEqual({ giftId: 'rose', note: '* * * gift', count: 1 });
    expect(r.matches.map((m) => [m.elem, m.field])).toEqual([
      [0, 'Text'],
      [2, 'Ext:note'],
    ]);
  });

  it('never checks or rewrites an event key (Data) or an id inside Ext', () => {
    const gift = new WordFilter([{ id: 'm', action: 'mask', words: ['gift', 'rose', 'goods'] }]);
    const body: LooseMsgElem[] = [
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: JSON.stringify({ giftId: 'rose', name: 'Rose gift', value: 100, count: 1 }) } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'BUY_GOODS', Desc: '', Ext: JSON.stringify({ id: 'goods-1', title: 'Goods', price: 1, quantity: 1 }) } },
    ];
    const r = filterMsgBody(gift, body);
    expect(r.body?.map((e) => e.MsgContent.Data)).toEqual(['SEND_GIFT', 'BUY_GOODS']);
    expect(JSON.parse(r.body?.[0]?.MsgContent.Ext as string)).toEqual({ giftId: 'rose', name: '**** ****', value: 100, count: 1 });
    expect(JSON.parse(r.body?.[1]?.MsgContent.Ext as string)).toMatchObject({ id: 'goods-1', title: '*****' });
    expect(r.matches.map((m) => m.field)).not.toContain('Data');
    // A Data alone, even one equal to a listed word, passes.
    expect(filterMsgBody(new WordFilter([{ id: 'r', action: 'reject', words: ['like'] }]), [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Desc: '', Ext: '' } }]).verdict).toBe('pass');
  });

  it('checks a non-JSON Ext and Desc as plain text', () => {
    const r = filterMsgBody(reject, [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'x', Desc: 'ok', Ext: 'bad!' } }]);
    expect(r).toMatchObject({ verdict: 'reject', matches: [{ field: 'Ext' }] });
    expect(r.body).toBeUndefined();
  });

  it('passes clean bodies and unknown element types unchanged', () => {
    const body = [{ MsgType: 'TIMImageElem', MsgContent: { URL: 'bad' } }];
    expect(filterMsgBody(reject, body)).toEqual({ verdict: 'pass', matches: [] });
  });
});
