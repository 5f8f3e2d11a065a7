import type { promotionsEn } from './en';

export const promotionsKo: typeof promotionsEn = {
  promotions: {
    label: '프로모션', flashSale: '타임 세일', coupon: '쿠폰 배포', luckyBag: '럭키백', salePrice: '세일 가격', countdown: '카운트다운(초)',
    duration: '기간(분)', quantity: '수량', perBuyer: '1인 한도', startSale: '타임 세일 시작', saleCounts: '판매 {{sold}} · 남음 {{left}}',
    amountOff: '할인 금액', threshold: '최소 주문 금액', validMinutes: '유효 기간(분)', dropCoupon: '쿠폰 배포', couponCounts: '받음 {{claimed}} · 남음 {{left}}',
    prize: '상품', winners: '당첨자 수', keyword: '키워드', followHost: '호스트 팔로우 필수', watched: '최소 시청 시간(분)', startBag: '럭키백 시작',
    saleStarted: '타임 세일을 알렸습니다', couponDropped: '쿠폰을 배포했습니다', bagStarted: '럭키백 시작, 커밋 {{commit}}…', failed: '처리되지 않음: {{message}}',
    orders: '주문', ordersTable: '상품별 주문', product: '상품', gmv: '거래액', orderCount: '주문 수', buyers: '구매자 수', units: '수량',
    feed: '최근 검증된 주문', orderLine: '{{nick}}: {{title}} ×{{quantity}}, {{amount}} {{currency}} ({{promo}})',
    unverified: '시청자가 보낸 미검증 구매(집계 제외): {{count}} ({{units}}개)', exportCsv: '주문 내보내기(CSV)',
    pinComment: '이 댓글 고정', unpinComment: '고정 댓글 해제', pinResult: '고정 댓글',
  },
};
