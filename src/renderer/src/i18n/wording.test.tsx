// Counted wording goes through i18next's plurals (`_one`/`_other` with `count`), so the console
// never says "1 problems", "+1 likes" or "1 gifts"; and a host whose UserID is "host" is not
// "the host host". Rendered through the components that say them, in every language.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../shared/domain/room';
import { LANGUAGES, type Language } from '../../../shared/settings';
import { FeedRow } from '../features/chat/FeedRow';
import { Leaderboard } from '../features/gifts/Leaderboard';
import { summaryText } from '../features/golive/LiveStatus';
import { goLiveText } from '../features/golive/goLiveText';
import { ImportSummary } from '../features/products/ProductImport';
import type { ImportResult } from '../features/products/productImport';
import { createI18n } from './i18n';

const text = (node: ReactNode, language: Language = 'en'): string =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const who = { userId: 'u1', nick: 'Alice', avatar: '' };
const likes = (count: number): FeedItem => ({ seq: 1, at: 0, collapsible: false, kind: 'likes', count, lastAt: 0, ...who });
const joined = (others: number): FeedItem => ({ seq: 2, at: 0, collapsible: true, kind: 'join', others, ...who });
const row = (item: FeedItem, language: Language = 'en') => text(<FeedRow item={item} level={undefined} onActions={() => undefined} />, language);
const sender = (gifts: number) => [{ userId: 'u1', nick: 'Alice', verifiedValue: 100, unverifiedValue: 0, gifts }];
const imported = (products: number, problems: number): ImportResult => ({
  products: Array.from({ length: products }, (_, i) => ({ id: `A${i}`, title: 't', price: 100, currency: 'CNY' })),
  errors: Array.from({ length: problems }, (_, i) => ({ row: i + 2, field: 'title', problem: 'required' as const })),
});
const summary = (outages: number, reconnects: number, language: Language = 'en') =>
  summaryText({ liveMs: 42 * 60_000, outages, reconnects }, goLiveText(createI18n(language).t));

describe('counted wording in English', () => {
  it('merged likes: "+1 like", "+5 likes"', () => {
    expect(row(likes(1))).toContain('+1 like');
    expect(row(likes(1))).not.toContain('+1 likes');
    expect(row(likes(5))).toContain('+5 likes');
  });

  it('folded join notices: "and 1 other joined", "and 2 others joined"', () => {
    expect(row(joined(1))).toContain('and 1 other joined');
    expect(row(joined(2))).toContain('and 2 others joined');
  });

  it('the gift leaderboard: "1 gift", "3 gifts"', () => {
    expect(text(<Leaderboard entries={sender(1)} />)).toMatch(/Alice 1 gift ·/);
    expect(text(<Leaderboard entries={sender(3)} />)).toMatch(/Alice 3 gifts ·/);
  });

  it('a product import: "Imported 1 product; 1 problem", "Imported 2 products; 0 problems"', () => {
    expect(text(<ImportSummary result={imported(1, 1)} />)).toContain('Imported 1 product; 1 problem Row 2');
    expect(text(<ImportSummary result={imported(2, 0)} />)).toBe('Imported 2 products; 0 problems');
  });

  it('the Go Live summary counts outages and reconnect attempts apart', () => {
    expect(summary(10, 26)).toBe('Live 42 min, 10 outages (26 reconnect attempts)');
    expect(summary(1, 1)).toBe('Live 42 min, 1 outage (1 reconnect attempt)');
    expect(summary(0, 0)).toBe('Live 42 min, no outages');
  });

  it('a room owned by someone else names the host by UserID, not "the host host"', () => {
    const t = createI18n('en').t;
    const line = t('connectionTest.details.room.otherOwner', { name: 'Show', owner: 'administrator', host: 'host' });
    expect(line).toBe('AVChatRoom “Show”, owned by administrator, not by the host (UserID host)');
  });
});

describe('counted wording in every language', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has a form for every count (no raw keys)', (language) => {
    for (const n of [1, 2]) {
      expect(row(likes(n), language)).toContain(String(n));
      expect(row(likes(n), language)).not.toContain('chat.');
      expect(row(joined(n), language)).not.toContain('chat.');
      expect(text(<Leaderboard entries={sender(n)} />, language)).not.toContain('gifts.');
      expect(text(<ImportSummary result={imported(n, n)} />, language)).not.toContain('products.');
      expect(summary(n, n + 1, language)).not.toMatch(/golive\.|\{\{/);
    }
  });
});
