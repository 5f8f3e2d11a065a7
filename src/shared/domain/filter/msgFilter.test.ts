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
