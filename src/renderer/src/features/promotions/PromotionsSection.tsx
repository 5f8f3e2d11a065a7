// Promotions under the product list (docs/console.md "Promotions"): start a flash sale of the
// launched product, drop a coupon, start a lucky bag — the same commands as `stageside room
// flash-sale|coupon|lucky-bag` — and the orders feed: verified orders per product (GMV, orders,
// buyers, units) from the callbacks service's ledger, refreshed every 2 s, with CSV export;
// viewers' own purchase claims are shown apart and never counted.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionLedger } from '../../../../shared/promotionsContract';
import { useStore } from '../../store/StoreContext';
import { useRoomView } from '../room/RoomContext';
import { ordersCsv, totalsByProduct } from './orders';

const minor = (major: string) => Math.round(Number(major) * 100);
const int = (v: string) => Number.parseInt(v, 10);

export function PromotionsSection() {
  const { t } = useTranslation();
  const { api } = useStore();
  const { state } = useRoomView();
  const launched = state.room.product;
  const [ledger, setLedger] = useState<PromotionLedger>({ orders: [], claims: [] });
  const [note, setNote] = useState('');
  const [saleId, setSaleId] = useState<{ id: string; total: number } | null>(null);
  const [couponId, setCouponId] = useState<{ id: string; total: number } | null>(null);
  const [sale, setSale] = useState({ price: '', countdown: '10', duration: '5', quantity: '20', perBuyer: '2' });
  const [coupon, setCoupon] = useState({ amountOff: '5', threshold: '50', quantity: '50', valid: '30' });
  const [bag, setBag] = useState({ prize: '', winners: '3', keyword: '', follow: false, watched: '', countdown: '60' });

  useEffect(() => {
    let stop = false;
    const poll = async () => {
      const r = await api.call('promo:ledger', {});
      if (!stop && r.ok) setLedger(r.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), 2000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [api]);

  const done = (r: { ok: true } | { ok: false; error: { message: string } }, ok: string) => setNote(r.ok ? ok : t('promotions.failed', { message: r.error.message }));

  const startSale = async (e: FormEvent) => {
    e.preventDefault();
    if (!launched) return;
    const r = await api.call('promo:startFlashSale', {
      sale: { productId: launched.id, title: launched.title.slice(0, 60), price: minor(sale.price), listPrice: launched.price, currency: launched.currency, countdownSeconds: int(sale.countdown), durationMinutes: int(sale.duration), total: int(sale.quantity), perBuyer: int(sale.perBuyer) },
    });
    if (r.ok) setSaleId({ id: r.value.sale.id, total: r.value.sale.total });
    done(r, t('promotions.saleStarted'));
  };
  const dropCoupon = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.call('promo:dropCoupon', { coupon: { amountOff: minor(coupon.amountOff), threshold: minor(coupon.threshold), currency: launched?.currency ?? 'CNY', total: int(coupon.quantity), validMinutes: int(coupon.valid) } });
    if (r.ok) setCouponId({ id: r.value.coupon.id, total: r.value.coupon.total });
    done(r, t('promotions.couponDropped'));
  };
  const startBag = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.call('promo:startLuckyBag', {
      bag: { prize: bag.prize, winners: int(bag.winners), countdownSeconds: int(bag.countdown), ...(bag.keyword ? { keyword: bag.keyword } : {}), ...(bag.follow ? { followHost: true } : {}), ...(bag.watched ? { watchedMinutes: int(bag.watched) } : {}) },
    });
    done(r, r.ok ? t('promotions.bagStarted', { commit: r.value.bag.commit.slice(0, 16) }) : '');
  };
  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([ordersCsv(ledger.orders)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `orders-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const sold = saleId ? ledger.orders.filter((o) => o.promoId === saleId.id).reduce((n, o) => n + o.quantity, 0) : 0;
  const claimed = couponId ? ledger.claims.filter((c) => c.couponId === couponId.id).length : 0;
  const totals = totalsByProduct(ledger.orders);
  const unverified = state.counters.purchases.unverified;
  const field = (label: string, value: string, set: (v: string) => void, type = 'number') => (
    <label className="field-inline">
      <span>{label}</span>
      <input type={type} value={value} onChange={(e) => set(e.target.value)} required={type === 'number'} min={type === 'number' ? 0 : undefined} step="any" />
    </label>
  );

  return (
    <section className="promotions" aria-label={t('promotions.label')}>
      <h3>{t('promotions.label')}</h3>
      <form aria-label={t('promotions.flashSale')} onSubmit={(e) => void startSale(e)}>
        {field(t('promotions.salePrice'), sale.price, (price) => setSale({ ...sale, price }))}
        {field(t('promotions.countdown'), sale.countdown, (countdown) => setSale({ ...sale, countdown }))}
        {field(t('promotions.duration'), sale.duration, (duration) => setSale({ ...sale, duration }))}
        {field(t('promotions.quantity'), sale.quantity, (quantity) => setSale({ ...sale, quantity }))}
        {field(t('promotions.perBuyer'), sale.perBuyer, (perBuyer) => setSale({ ...sale, perBuyer }))}
        <button type="submit" className="button" disabled={!launched}>{t('promotions.startSale')}</button>
        {/* Counts, like the Counters panel: not live (a flash sale changes them many times a second). */}
        {saleId && <span>{t('promotions.saleCounts', { sold, left: Math.max(0, saleId.total - sold) })}</span>}
      </form>
      <form aria-label={t('promotions.coupon')} onSubmit={(e) => void dropCoupon(e)}>
        {field(t('promotions.amountOff'), coupon.amountOff, (amountOff) => setCoupon({ ...coupon, amountOff }))}
        {field(t('promotions.threshold'), coupon.threshold, (threshold) => setCoupon({ ...coupon, threshold }))}
        {field(t('promotions.quantity'), coupon.quantity, (quantity) => setCoupon({ ...coupon, quantity }))}
        {field(t('promotions.validMinutes'), coupon.valid, (valid) => setCoupon({ ...coupon, valid }))}
        <button type="submit" className="button">{t('promotions.dropCoupon')}</button>
        {couponId && <span>{t('promotions.couponCounts', { claimed, left: Math.max(0, couponId.total - claimed) })}</span>}
      </form>
      <form aria-label={t('promotions.luckyBag')} onSubmit={(e) => void startBag(e)}>
        {field(t('promotions.prize'), bag.prize, (prize) => setBag({ ...bag, prize }), 'text')}
        {field(t('promotions.winners'), bag.winners, (winners) => setBag({ ...bag, winners }))}
        {field(t('promotions.keyword'), bag.keyword, (keyword) => setBag({ ...bag, keyword }), 'text')}
        <label className="field-inline">
          <input type="checkbox" checked={bag.follow} onChange={(e) => setBag({ ...bag, follow: e.target.checked })} />
          <span>{t('promotions.followHost')}</span>
        </label>
        {field(t('promotions.watched'), bag.watched, (watched) => setBag({ ...bag, watched }), 'text')}
        {field(t('promotions.countdown'), bag.countdown, (countdown) => setBag({ ...bag, countdown }))}
        <button type="submit" className="button" disabled={!bag.prize}>{t('promotions.startBag')}</button>
      </form>
      <p role="status" aria-live="polite">{note}</p>
      <h3>{t('promotions.orders')}</h3>
      <table aria-label={t('promotions.ordersTable')}>
        <thead>
          <tr>
            <th scope="col">{t('promotions.product')}</th>
            <th scope="col">{t('promotions.gmv')}</th>
            <th scope="col">{t('promotions.orderCount')}</th>
            <th scope="col">{t('promotions.buyers')}</th>
            <th scope="col">{t('promotions.units')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((p) => (
            <tr key={p.productId}>
              <th scope="row">{p.title}</th>
              <td>{`${(p.gmv / 100).toFixed(2)} ${p.currency}`}</td>
              <td>{p.orders}</td>
              <td>{p.buyers}</td>
              <td>{p.units}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="orders-feed" aria-label={t('promotions.feed')}>
        {ledger.orders.slice(-20).reverse().map((o) => (
          <li key={o.orderId}>{t('promotions.orderLine', { nick: o.nick || o.userId, title: o.title, quantity: o.quantity, amount: ((o.unitPrice * o.quantity) / 100).toFixed(2), currency: o.currency, promo: o.promoId ?? '—' })}</li>
        ))}
      </ol>
      <p className="unverified">{t('promotions.unverified', { count: unverified.events, units: unverified.count })}</p>
      <button type="button" className="button" disabled={ledger.orders.length === 0} onClick={exportCsv}>
        {t('promotions.exportCsv')}
      </button>
    </section>
  );
}
