// Past shows through the contract's handlers: listed from the folder, opened by id only — in the
// OS browser on the desktop, as the web server's address in web mode; unknown ids are refused.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOW_DATA_VERSION, type ShowData, type ShowSummary } from '../../shared/domain/show/showData';
import { createDispatcher, type Handlers } from '../../shared/rpc';
import type { Role } from '../../shared/teamContract';
import { tempDir } from '../../../test/support/tempDir';
import { writeShow } from './showFiles';
import { showHandlers } from './showHandlers';

const show = (id: string, startedAt: number): ShowData => ({
  v: SHOW_DATA_VERSION,
  id,
  startedAt,
  endedAt: startedAt + 60_000,
  outcome: { kind: 'ended', code: null },
  target: null,
  recording: [],
  events: [{ at: startedAt + 1000, kind: 'launch', label: 'Red lipstick' }],
  series: { health: [], viewerDelay: [], online: [], counters: [] },
});

describe('show handlers', () => {
  let t: ReturnType<typeof tempDir> | undefined;
  afterEach(() => t?.cleanup());

  const dispatch = (transport: 'electron' | 'web', opened: string[]) => {
    const d = createDispatcher(showHandlers({ recordingsDir: t!.dir, transport, openPath: async (p) => (opened.push(p), true) }) as Handlers);
    return (name: string, arg: unknown, role: Role = 'host') => d(name, arg, { transport, operator: { id: role, name: role, role } });
  };

  it('lists the shows newest first, skipping files that are not show data', async () => {
    t = tempDir('stageside-shows-');
    await writeShow(t.dir, null, show('older', 1000));
    await writeShow(t.dir, null, show('newer', 5000));
    fs.writeFileSync(path.join(t.dir, 'broken.show.json'), '{"v":1');
    fs.writeFileSync(path.join(t.dir, 'foreign.show.json'), JSON.stringify({ ...show('foreign', 9000), v: 2 }));
    const r = await dispatch('electron', [])('show:list', {});
    expect(r.ok && (r.value as ShowSummary[]).map((s) => [s.id, s.launches])).toEqual([
      ['newer', 1],
      ['older', 1],
    ]);
  });

  it('opens by id: the file in the OS browser on the desktop, the address in web mode; others refused', async () => {
    t = tempDir('stageside-shows-');
    await writeShow(t.dir, null, show('stageside-1', 1000));
    const opened: string[] = [];
    expect(await dispatch('electron', opened)('show:open', { id: 'stageside-1' })).toEqual({ ok: true, value: { opened: true, url: null } });
    expect(opened).toEqual([path.join(t.dir, 'stageside-1.show.html')]);
    expect(await dispatch('web', opened)('show:open', { id: 'stageside-1' })).toEqual({ ok: true, value: { opened: false, url: '/shows/stageside-1' } });
    const unknown = await dispatch('electron', opened)('show:open', { id: 'stageside-2' });
    expect(unknown.ok === false && unknown.error.code).toBe('NOT_FOUND');
    for (const id of ['../stageside-1', '/etc/passwd', 'a b', '']) {
      const bad = await dispatch('electron', opened)('show:open', { id });
      expect(bad.ok === false && bad.error.code, id).toBe('BAD_REQUEST');
    }
    expect(opened).toHaveLength(1);
    // Assistants open reports; moderators do not get them.
    expect((await dispatch('web', opened)('show:open', { id: 'stageside-1' }, 'assistant')).ok).toBe(true);
    const moderator = await dispatch('web', opened)('show:list', {}, 'moderator');
    expect(moderator.ok === false && moderator.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('a second show with the same name gets its own files', async () => {
    t = tempDir('stageside-shows-');
    const a = await writeShow(t.dir, null, show('same', 1000));
    const b = await writeShow(t.dir, null, show('same', 2000));
    expect([a.id, b.id]).toEqual(['same', 'same-2']);
    expect(fs.existsSync(path.join(t.dir, 'same-2.show.html'))).toBe(true);
  });
});
