import type { promotionsEn } from './en';

export const promotionsZhCN: typeof promotionsEn = {
  promotions: {
    label: '营销活动', flashSale: '限时秒杀', coupon: '发放优惠券', luckyBag: '福袋', salePrice: '秒杀价', countdown: '倒计时（秒）',
    duration: '时长（分钟）', quantity: '数量', perBuyer: '每人限购', startSale: '开始秒杀', saleCounts: '已售 {{sold}} · 剩余 {{left}}',
    amountOff: '减免金额', threshold: '使用门槛', validMinutes: '有效期（分钟）', dropCoupon: '发放优惠券', couponCounts: '已领 {{claimed}} · 剩余 {{left}}',
    prize: '奖品', winners: '中奖人数', keyword: '口令', followHost: '须关注主播', watched: '观看至少（分钟）', startBag: '发起福袋',
    saleStarted: '已发布秒杀', couponDropped: '已发放优惠券', bagStarted: '福袋已开始；承诺值 {{commit}}…', failed: '未成功：{{message}}',
    orders: '订单', ordersTable: '各商品订单', product: '商品', gmv: '成交额', orderCount: '订单数', buyers: '买家数', units: '件数',
    feed: '最新已验证订单', orderLine: '{{nick}}：{{title}} ×{{quantity}}，{{amount}} {{currency}}（{{promo}}）',
    unverified: '观众自报的未验证购买（不计入）：{{count}}（{{units}} 件）', exportCsv: '导出订单（CSV）',
    pinComment: '置顶这条评论', unpinComment: '取消置顶评论', pinResult: '置顶评论',
  },
};
