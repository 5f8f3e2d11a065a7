import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVEL_RULES } from '../../../../shared/domain/levels/levelRules';
import { initialRoomState, reduceRoom, type RoomEvent } from '../../../../shared/domain/room';
import { changedLevels, idsToLookUp, LEVEL_FRESH_MS, pruneLookups } from './levelLookup';
import { fail, ok } from '../../../../shared/errors';
import { heldBy, matchedWords, maskedText } from './preflight';
import { formToRules, rulesToForm } from './rulesForm';
import { parseWordListText, wordListFileName } from './wordListText';

const NOW = 1_800_000_000_000;
const text = (userId: string, i: number): RoomEvent => ({ kind: 'text', at: NOW, id: `m${i}`, text: 'hi', fromAdmin: false, userId, nick: userId, avatar: '' });
const feedOf = (...users: string[]) => reduceRoom(initialRoomState(), users.map(text), NOW).feed;

describe('idsToLookUp', () => {
  it('takes recent senders newest first, once each, skipping fresh lookups and invalid ids', () => {
    const feed = feedOf('a', 'b', 'a', 'bad id!', 'c');
    const looked = new Map([['b', NOW - 1000]]);
    expect(idsToLookUp(feed, looked, NOW)).toEqual(['c', 'a']);
  });

  it('asks again once a lookup is older than the fresh window, and stops at the batch size', () => {
    const feed = feedOf('a', 'b', 'c');
    expect(idsToLookUp(feed, new Map([['b', NOW - LEVEL_FRESH_MS]]), NOW, 2)).toEqual(['c', 'b']);
  });

  it('skips notices and prunes old lookups', () => {
    const feed = reduceRoom(initialRoomState(), [{ kind: 'notice', at: NOW, id: 'n', noticeType: 'x', text: 'hello' }], NOW).feed;
    expect(idsToLookUp(feed, new Map(), NOW)).toEqual([]);
    const looked = new Map([
      ['old', NOW - LEVEL_FRESH_MS],
      ['new', NOW - 1],
    ]);
    pruneLookups(looked, NOW);
    expect([...looked.keys()]).toEqual(['new']);
  });
});

describe('parseWordListText', () => {
  it('reads one word per line, trims, skips blanks, comments and duplicates', () => {
    expect(parseWordListText('\uFEFF# exported\r\nscam\n  fake  \n\n骗子\r scam\n#x\n')).toEqual({ words: ['scam', 'fake', '骗子'], duplicates: 1 });
    expect(parseWordListText('')).toEqual({ words: [], duplicates: 0 });
  });

  it('names the download after the list', () => {
    expect(wordListFileName('room-12.v2')).toBe('room-12.v2.txt');
    expect(wordListFileName('..')).toBe('list.txt');
  });
});

describe('pre-flight', () => {
  it('names each matched word once, in text order, and the masked text', () => {
    const check = {
      verdict: 'reject' as const,
      matches: [
        { listId: 'l', action: 'reject' as const, word: 'fake', start: 9, end: 13 },
        { listId: 'l', action: 'mask' as const, word: 'scam', start: 0, end: 4 },
        { listId: 'm', action: 'reject' as const, word: 'fake', start: 20, end: 24 },
      ],
      masked: '**** and',
    };
    expect(matchedWords(check)).toEqual(['scam', 'fake']);
    expect(maskedText(check)).toBe('**** and');
    expect(maskedText({ ...check, masked: [{ MsgType: 'TIMTextElem' }] })).toBeNull();
  });

  it('holds any verdict but pass, and sends when the check itself failed', () => {
    const check = { verdict: 'mask' as const, matches: [] };
    expect(heldBy(ok(check))).toBe(check);
    expect(heldBy(ok({ verdict: 'pass' as const, matches: [] }))).toBeNull();
    expect(heldBy(fail('CALLBACKS_UNAVAILABLE', 'down'))).toBeNull();
    expect(heldBy(null)).toBeNull();
  });
});

describe('level rules form', () => {
  it('round-trips the rules through text fields', () => {
    const form = rulesToForm(DEFAULT_LEVEL_RULES);
    expect(form['text.points']).toBe('1');
    expect(form.thresholds).toBe('20, 100, 300, 1000, 3000, 10000, 30000');
    const { version: _v, ...draft } = DEFAULT_LEVEL_RULES;
    expect(formToRules(form)).toEqual({ ok: true, draft });
  });

  it('accepts edits and reports the field of each problem', () => {
    const form = { ...rulesToForm(DEFAULT_LEVEL_RULES), 'text.points': '10', 'text.perMinuteCap': '0', thresholds: '10，50 200' };
    const r = formToRules(form);
    expect(r.ok && r.draft.text).toEqual({ points: 10, perMinuteCap: 0 });
    expect(r.ok && r.draft.thresholds).toEqual([10, 50, 200]);
    const bad = formToRules({ ...form, 'gift.pointsPerUnit': 'x', 'like.maxPerBatch': '', thresholds: '5, 3' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['gift.pointsPerUnit', 'like.maxPerBatch', 'thresholds']);
  });
});

describe('changedLevels', () => {
  it('keeps only whole levels that differ from the badges shown', () => {
    const shown: Record<string, number> = { a: 2 };
    expect(changedLevels({ a: 2, b: 1, c: 3, d: 1.5, e: -1, f: 'x' }, (id) => shown[id])).toEqual({ b: 1, c: 3 });
    expect(changedLevels({ a: 2 }, (id) => shown[id])).toBeNull();
    expect(changedLevels({ saved: true }, () => undefined)).toBeNull();
    expect(changedLevels(null, () => undefined)).toBeNull();
  });
});
