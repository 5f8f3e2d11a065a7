// One product: hotkey, id, inline-editable title and price, stock, and the one-click Launch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, parseMajor } from '../counters/money';
import type { Product } from './productImport';

interface ProductRowProps {
  product: Product;
  index: number;
  launched: boolean;
  busy: boolean;
  onLaunch: () => void;
  onEdit: (patch: Partial<Pick<Product, 'title' | 'price'>>) => void;
  onRemove: () => void;
}

export function ProductRow({ product: p, index, launched, busy, onLaunch, onEdit, onRemove }: ProductRowProps) {
  const { t } = useTranslation();
  const [price, setPrice] = useState(formatMoney(p.price));
  const [title, setTitle] = useState(p.title);
  const priceValid = parseMajor(price) !== undefined;
  const titleValid = title.trim().length > 0 && title.trim().length <= 120;
  return (
    <li className={`product-row${launched ? ' is-launched' : ''}`} aria-current={launched ? 'true' : undefined}>
      <span className="hotkey" aria-label={index < 9 ? t('products.hotkey', { key: index + 1 }) : undefined}>
        {index < 9 ? index + 1 : ''}
      </span>
      <code className="product-id">{p.id}</code>
      <input
        className="input product-title"
        value={title}
        aria-label={t('products.titleOf', { id: p.id })}
        aria-invalid={!titleValid}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={() => (titleValid ? onEdit({ title: title.trim() }) : setTitle(p.title))}
      />
      <input
        className="input product-price"
        value={price}
        inputMode="decimal"
        aria-label={t('products.priceOf', { id: p.id, currency: p.currency })}
        aria-invalid={!priceValid}
        onChange={(e) => setPrice(e.target.value)}
        onBlur={() => {
          const minor = parseMajor(price);
          if (minor === undefined) setPrice(formatMoney(p.price));
          else onEdit({ price: minor });
        }}
      />
      <span className="product-stock">{p.stock !== undefined ? t('products.stock', { count: p.stock }) : ''}</span>
      {launched && <span className="badge badge-live">{t('products.onScreen')}</span>}
      <button type="button" className="button button-primary" disabled={busy} aria-label={t('products.launchLabel', { id: p.id, title: p.title })} onClick={onLaunch}>
        {t('products.launch')}
      </button>
      <button type="button" className="button button-quiet icon-button" aria-label={t('products.remove', { id: p.id })} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
