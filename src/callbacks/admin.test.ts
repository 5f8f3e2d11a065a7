// The admin API over HTTP (inject): token, list import/export as text, hot reload into the
// before-send decision, pre-flight check, versioned rules and user lookups.
import { afterEach, describe, expect, it } from 'vitest';
import { parseWordList } from './admin';
import { ADMIN_TOKEN, beforeSendBody, callbackQuery, makeKit } from './callbacks.testkit';

type Kit = Awaited<ReturnType<typeof makeKit>>;
const kits: Kit[] = [];
afterEach(async () => {
  for (const k of kits.splice(0)) await k.close();
});
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('admin API', () => {
  it('refuses requests without the bearer token', async () => {
    const k = await makeKit();
    kits.push(k);
    expect((await k.app.inject({ method: 'GET', url: '/admin/lists' })).statusCode).toBe(401);
    expect((await k.app.inject({ method: 'GET', url: '/admin/lists', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  });

  it('imports a text list, applies it at once, exports it and deletes it', async () => {
    const k = await makeKit();
    kits.push(k);
    const decide = async () =>
      (await k.app.inject({ method: 'POST', url: `/callback?${callbackQuery('Group.CallbackBeforeSendMsg')}`, payload: JSON.stringify(beforeSendBody('you ＢＡＤ guy')) })).json();
    expect(await decide()).toMatchObject({ ErrorCode: 0 });
    const put = await k.app.inject({
      method: 'PUT',
      url: '/admin/lists/profanity.txt?action=reject',
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: '\ufeff# comment\nbad\r\n\n  bad  \n坏蛋\n',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id: 'profanity', action: 'reject', count: 2, roomId: null });
    expect(await decide()).toMatchObject({ ErrorCode: 1 });
    const list = await k.app.inject({ method: 'GET', url: '/admin/lists', headers: auth });
    expect(list.json()).toMatchObject([{ id: 'profanity', count: 2 }]);
    const exported = await k.app.inject({ method: 'GET', url: '/admin/lists/profanity.txt', headers: auth });
    expect(exported.headers['content-type']).toMatch(/text\/plain/);
    expect(exported.body).toBe('bad\n坏蛋\n');
    expect((await k.app.inject({ method: 'DELETE', url: '/admin/lists/profanity', headers: auth })).json()).toEqual({ deleted: true });
    expect(await decide()).toMatchObject({ ErrorCode: 0 });
    expect((await k.app.inject({ method: 'DELETE', url: '/admin/lists/profanity', headers: auth })).statusCode).toBe(404);
  });

  it('validates list input', async () => {
    const k = await makeKit();
    kits.push(k);
    const bad = (url: string) => k.app.inject({ method: 'PUT', url, headers: auth, payload: 'x' });
    expect((await bad('/admin/lists/a?action=explode')).json().error).toMatch(/action/);
    expect((await bad('/admin/lists/bad%20id')).statusCode).toBe(400);
    // Names outside the documented pattern, such as `..`, are refused on every verb.
    // (A `..` segment, raw or encoded, is resolved by the router before it is a name: no route, 404.)
    for (const id of ['..', '.', '.hidden', '-x', '%2e%2e', '%2e']) {
      const expected = id === '..' || id === '%2e%2e' ? [400, 404] : [400];
      expect(expected).toContain((await bad(`/admin/lists/${id}`)).statusCode);
      expect(expected).toContain((await k.app.inject({ method: 'GET', url: `/admin/lists/${id}`, headers: auth })).statusCode);
      expect(expected).toContain((await k.app.inject({ method: 'DELETE', url: `/admin/lists/${id}`, headers: auth })).statusCode);
    }
    expect((await k.app.inject({ method: 'GET', url: '/admin/lists', headers: auth })).json()).toEqual([]);
    expect(() => parseWordList('x'.repeat(101))).toThrow(/longer/);
  });

  it('pre-flights a text for the console and shows the match', async () => {
    const k = await makeKit();
    kits.push(k);
    await k.app.inject({ method: 'PUT', url: '/admin/lists/m?action=mask', headers: auth, payload: 'bad' });
    const r = await k.app.inject({ method: 'POST', url: '/admin/check', headers: auth, payload: JSON.stringify({ text: 'a b.a.d title' }) });
    expect(r.json()).toEqual({ verdict: 'mask', masked: 'a ***** title', matches: [{ listId: 'm', action: 'mask', word: 'bad', start: 2, end: 7 }] });
    expect((await k.app.inject({ method: 'POST', url: '/admin/check', headers: auth, payload: 'nope' })).statusCode).toBe(400);
  });

  it('saves versioned rules, re-levels users and looks them up', async () => {
    const k = await makeKit();
    kits.push(k);
    await k.store.apply({ key: 'a', account: 'v1', kind: 'text', points: 30, capPerMinute: 0, verified: true, amount: 1, at: 0 }, () => 2);
    const rules = (await k.app.inject({ method: 'GET', url: '/admin/rules', headers: auth })).json();
    expect(rules.version).toBe(1);
    const saved = await k.app.inject({ method: 'PUT', url: '/admin/rules', headers: auth, payload: JSON.stringify({ ...rules, thresholds: [10, 25] }) });
    expect(saved.json()).toMatchObject({ version: 2, thresholds: [10, 25] });
    expect(k.published).toEqual([['v1', 3]]);
    const again = await k.app.inject({ method: 'PUT', url: '/admin/rules', headers: auth, payload: JSON.stringify({ ...rules, thresholds: [100] }) });
    expect(again.json().version).toBe(3);
    expect((await k.app.inject({ method: 'PUT', url: '/admin/rules', headers: auth, payload: JSON.stringify({ ...rules, thresholds: [5, 1] }) })).statusCode).toBe(400);
    expect((await k.app.inject({ method: 'GET', url: '/admin/users?limit=5', headers: auth })).json()).toMatchObject([{ account: 'v1', points: 30, level: 1 }]);
    expect((await k.app.inject({ method: 'GET', url: '/admin/users/nobody', headers: auth })).statusCode).toBe(404);
  });
});
