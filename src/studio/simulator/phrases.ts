// What simulated viewers say and are called, in the console's four languages, so rehearsals and
// e2e runs exercise CJK text, emoji and mixed scripts the way a real live-commerce room does.
import { intIn, pick, weighted, type Rng } from './prng';

export const SIM_LOCALES = ['en', 'zh-CN', 'ja', 'ko'] as const;
export type SimLocale = (typeof SIM_LOCALES)[number];

/** Rough audience mix of a Chinese-led cross-border room. */
export const LOCALE_WEIGHTS: readonly (readonly [SimLocale, number])[] = [
  ['zh-CN', 0.4],
  ['en', 0.3],
  ['ja', 0.15],
  ['ko', 0.15],
];

export const PHRASES: Readonly<Record<SimLocale, readonly string[]>> = {
  en: [
    'Hi everyone!',
    'How much is this one?',
    'Does it come in blue?',
    'Just ordered 🛒',
    'Can you show the back?',
    'Is shipping free?',
    'Love it ❤️',
    'What size are you wearing?',
    'First time here, hello!',
    'Any coupons today?',
    'Link please 🙏',
    'That colour is gorgeous',
    'Will there be a restock?',
    'Greetings from Toronto 👋',
    '+1 for the red one',
  ],
  'zh-CN': [
    '大家好！',
    '这个多少钱？',
    '有蓝色的吗？',
    '已下单 🛒',
    '主播能看看背面吗？',
    '包邮吗？',
    '太好看了 ❤️',
    '主播穿的是什么码？',
    '第一次来，打个招呼',
    '今天有优惠券吗？',
    '求链接 🙏',
    '这个颜色绝了',
    '还会补货吗？',
    '来自杭州的问候 👋',
    '红色的+1',
  ],
  ja: [
    'こんにちは！',
    'これはいくらですか？',
    '青はありますか？',
    '注文しました 🛒',
    '後ろも見せてください',
    '送料無料ですか？',
    'かわいい ❤️',
    'サイズは何ですか？',
    '初見です、よろしく！',
    '今日はクーポンありますか？',
    'リンクお願いします 🙏',
    'この色すてき',
    '再入荷はありますか？',
    '大阪から見てます 👋',
    '赤いのがいい',
  ],
  ko: [
    '안녕하세요!',
    '이거 얼마예요?',
    '파란색도 있나요?',
    '방금 주문했어요 🛒',
    '뒷면도 보여주세요',
    '무료 배송인가요?',
    '너무 예뻐요 ❤️',
    '무슨 사이즈 입으셨어요?',
    '처음 왔어요, 반가워요!',
    '오늘 쿠폰 있나요?',
    '링크 주세요 🙏',
    '색깔 진짜 예쁘다',
    '재입고 되나요?',
    '서울에서 보고 있어요 👋',
    '빨간색 +1',
  ],
};

const NICKS: Readonly<Record<SimLocale, readonly string[]>> = {
  en: ['Amy', 'Leo', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Ivy', 'Owen', 'Ruby', 'Finn', 'Luna', 'Jack'],
  'zh-CN': ['小雨', '阿杰', '晴天', '小鹿', '橙子', '木木', '安安', '大熊', '糖糖', '星星', '阿宝', '豆豆'],
  ja: ['さくら', 'ゆうと', 'はるか', 'そら', 'みお', 'れん', 'ひな', 'かいと', 'あおい', 'ゆい', 'りく', 'めい'],
  ko: ['민지', '지훈', '서연', '도윤', '하은', '준우', '수아', '예준', '지유', '시우', '다은', '현우'],
};

export const pickLocale = (rng: Rng): SimLocale => weighted(rng, LOCALE_WEIGHTS);

/** A nick in the viewer's language, half the time with a number as real handles often have. */
export function pickNick(rng: Rng, locale: SimLocale): string {
  const base = pick(rng, NICKS[locale]);
  return rng() < 0.5 ? base : `${base}${intIn(rng, 1, 99)}`;
}

/** Mostly the viewer's own language; one line in ten in another (mixed rooms). */
export function pickPhrase(rng: Rng, locale: SimLocale): string {
  const lang = rng() < 0.9 ? locale : pick(rng, SIM_LOCALES);
  return pick(rng, PHRASES[lang]);
}
