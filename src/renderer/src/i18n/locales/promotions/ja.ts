import type { promotionsEn } from './en';

export const promotionsJa: typeof promotionsEn = {
  promotions: {
    label: 'プロモーション', flashSale: 'タイムセール', coupon: 'クーポン配布', luckyBag: '福袋', salePrice: 'セール価格', countdown: 'カウントダウン（秒）',
    duration: '期間（分）', quantity: '数量', perBuyer: 'お一人様上限', startSale: 'タイムセール開始', saleCounts: '販売 {{sold}} · 残り {{left}}',
    amountOff: '割引額', threshold: '最低注文額', validMinutes: '有効期間（分）', dropCoupon: 'クーポンを配布', couponCounts: '受け取り {{claimed}} · 残り {{left}}',
    prize: '賞品', winners: '当選者数', keyword: 'キーワード', followHost: 'ホストのフォローが必要', watched: '視聴時間の下限（分）', startBag: '福袋を開始',
    saleStarted: 'タイムセールを告知しました', couponDropped: 'クーポンを配布しました', bagStarted: '福袋を開始しました。コミットメント {{commit}}…', failed: 'できませんでした：{{message}}',
    orders: '注文', ordersTable: '商品別の注文', product: '商品', gmv: '売上', orderCount: '注文数', buyers: '購入者数', units: '点数',
    feed: '最新の検証済み注文', orderLine: '{{nick}}：{{title}} ×{{quantity}}、{{amount}} {{currency}}（{{promo}}）',
    unverified: '視聴者が送った未検証の購入（集計外）：{{count}}（{{units}} 点）', exportCsv: '注文をエクスポート（CSV）',
    pinComment: 'このコメントを固定', unpinComment: '固定コメントを解除', pinResult: '固定コメント',
  },
};
