// The orders feed's figures: per product GMV, orders, buyers and units of the verified orders, and
// the CSV export (spreadsheet-safe cells). Pure.
import type { Order } from '../../../../shared/domain/promotions';

export interface ProductTotals {
  productId: string;
  title: string;
  gmv: number;
  orders: number;
  buyers: number;
  units: number;
  currency: string;
}

export function totalsByProduct(orders: readonly Order[]): ProductTotals[] {
  const by = new Map<string, ProductTotals & { who: Set<string> }>();
  for (const o of orders) {
    let t = by.get(o.productId);
    if (!t) by.set(o.productId, (t = { productId: o.productId, title: o.title, gmv: 0, orders: 0, buyers: 0, units: 0, currency: o.currency, who: new Set() }));
    t.gmv += o.unitPrice * o.quantity;
    t.orders += 1;
    t.units += o.quantity;
    t.who.add(o.userId);
    t.buyers = t.who.size;
  }
  return [...by.values()].map(({ who: _who, ...t }) => t).sort((a, b) => b.gmv - a.gmv);
}

/** A cell a spreadsheet will not run as a formula, quoted when needed. */
function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function ordersCsv(orders: readonly Order[]): string {
  const head = ['time', 'orderId', 'userId', 'nick', 'productId', 'title', 'quantity', 'unitPrice', 'amount', 'currency', 'promotion', 'source'];
  const rows = orders.map((o) => [new Date(o.at).toISOString(), o.orderId, o.userId, o.nick, o.productId, o.title, o.quantity, (o.unitPrice / 100).toFixed(2), ((o.unitPrice * o.quantity) / 100).toFixed(2), o.currency, o.promoId ?? '', o.source]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
