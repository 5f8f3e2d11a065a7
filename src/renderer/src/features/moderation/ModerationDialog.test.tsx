// Static markup of the Moderation dialog, its tables and the chat pre-flight: the roles and names
// tests and screen readers rely on, in English and Chinese.
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { FilterCheck, Standing } from '../../../../shared/moderationContract';
import { defaultSettings, type Language } from '../../../../shared/settings';
import { App } from '../../App';
import { renderStatic, staticStore } from '../../store/staticRender';
import { CallbacksHealthView } from './CallbacksHealthLine';
import { CheckResult } from './CheckResult';
import { ModerationDialog } from './ModerationDialog';
import { PreflightAlert } from './PreflightAlert';
import { StandingsTable } from './StandingsTable';
import { WordListTable } from './WordListTable';

vi.mock('mpegts.js', () => ({ default: { isSupported: () => false } }));

const store = staticStore(defaultSettings());
const render = (node: ReactNode, language: Language = 'en'): string => renderStatic(store, node, language);

const check: FilterCheck = {
  verdict: 'reject',
  matches: [
    { listId: 'studio-default', action: 'mask', word: 'scam', start: 0, end: 4 },
    { listId: 'banned', action: 'reject', word: 'forbidden', start: 9, end: 18 },
  ],
};

describe('Callbacks service health', () => {
  const byKind = { sdkAppId: 0, signMissing: 0, signMismatch: 0, requestTimeStale: 0, body: 0 };
  it('warns when the service runs without a callback token', () => {
    const html = render(<CallbacksHealthView health={{ insecure: true, requests: 1, refused: { total: 0, byKind, last: null } }} />);
    expect(html).toMatch(/role="alert"[^>]*>The callbacks service runs without a callback auth token/);
    expect(html).toContain('Callbacks: 1 request, none refused.');
  });

  it('counts refused callbacks by kind with the last reason, in the UI language', () => {
    const health = {
      insecure: false,
      requests: 40,
      refused: { total: 3, byKind: { ...byKind, signMismatch: 2, requestTimeStale: 1 }, last: { at: Date.UTC(2026, 0, 1, 12, 0, 5), kind: 'requestTimeStale' as const, reason: 'Sign stale' } },
    };
    const html = render(<CallbacksHealthView health={health} />);
    expect(html).not.toContain('role="alert"');
    expect(html).toMatch(/role="status">Callbacks refused: 3 \(wrong token 2, stale RequestTime 1, wrong SdkAppid 0, unreadable 0\)\. Last at [0-9:]+: Sign stale\./);
    expect(render(<CallbacksHealthView health={health} />, 'zh-CN')).toContain('已拒绝回调：3 个');
  });
});

describe('Moderation dialog', () => {
  it('is a labelled modal with three tabs, the word lists first', () => {
    const html = render(<ModerationDialog onClose={() => undefined} />);
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-labelledby="moderation-title"/);
    expect(html).toContain('<h2 id="moderation-title">Moderation</h2>');
    expect(html).toContain('<span aria-hidden="true">×</span><span class="visually-hidden">Close moderation</span>');
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Word lists</);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="false"[^>]*>Level rules</);
    expect(html).toMatch(/role="tabpanel" aria-labelledby="moderation-tab-lists"/);
    for (const label of ['List id', 'Action', 'Room id (optional)', 'Word list file (.txt)', 'Words (one per line)']) {
      expect(html).toMatch(new RegExp(`<label for="import-list-[a-z]+">${label.replace(/[().]/g, '\\$&')}</label>`));
    }
    expect(html).toContain('aria-label="Message to test"');
  });

  it('renders the rules and users tabs, and translates', () => {
    expect(render(<ModerationDialog onClose={() => undefined} initialTab="rules" />)).toMatch(/aria-labelledby="level-rules-title"[\s\S]*Save rules/);
    const users = render(<ModerationDialog onClose={() => undefined} initialTab="users" />);
    expect(users).toContain('Top 20 users');
    expect(users).toContain('aria-label="User ID"');
    expect(render(<ModerationDialog onClose={() => undefined} />, 'zh-CN')).toContain('<h2 id="moderation-title">内容管理</h2>');
  });

  it('lists word lists with per-row actions and standings with money columns', () => {
    const lists = render(
      <WordListTable
        lists={[{ id: 'studio-default', roomId: null, action: 'mask', count: 7, updatedAt: 0 }]}
        onExport={() => undefined}
        onDelete={() => undefined}
      />,
    );
    expect(lists).toMatch(/<th scope="row">studio-default<\/th><td>All rooms<\/td><td>Mask with \*<\/td><td class="num">7<\/td>/);
    expect(lists).toContain('aria-label="Export studio-default"');
    expect(lists).toContain('aria-label="Delete studio-default"');
    const standing: Standing = { account: 'e2e_mod', points: 25, level: 2, messages: 3, likes: 0, giftValue: 1990, purchaseValue: 0, unverifiedValue: 0, updatedAt: 0 };
    const table = render(<StandingsTable standings={[standing]} label="Top users" />);
    expect(table).toMatch(/<th scope="row">e2e_mod<\/th><td class="num">2<\/td><td class="num">25<\/td><td class="num">3<\/td><td class="num">0<\/td><td class="num">19.90<\/td>/);
  });
});

describe('filter results', () => {
  it('shows the verdict, each match and the masked text', () => {
    const html = render(<CheckResult check={{ ...check, verdict: 'mask', masked: '**** is fine' }} />);
    expect(html).toContain('Masked</span>');
    expect(html).toContain('scam — list studio-default, Mask with *');
    expect(html).toContain('**** is fine');
  });

  it('holds the host message with the words, a warning and Send anyway', () => {
    const html = render(<PreflightAlert check={check} busy={false} onSendAnyway={() => undefined} onCancel={() => undefined} />);
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain('Not sent: the room filters these words (Refused): scam, forbidden');
    expect(html).toContain('will still mask, drop or refuse');
    expect(html).toMatch(/<button[^>]*>Send anyway<\/button>/);
  });

  it('puts a Moderation button in the header', () => {
    expect(render(<App />)).toMatch(/<button type="button" class="button" aria-haspopup="dialog">Moderation<\/button>/);
  });
});
