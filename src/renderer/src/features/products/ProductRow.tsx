// One product: hotkey, id, inline-editable title and price, stock, and the one-click Launch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, parseMajor } from '../counters/money';
import { BusyButton } from '../shell/BusyButton';
import { IconButton } from '../shell/IconButton';
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
      {/* Visible digit, spoken as "hotkey 1": a plain span cannot carry an aria-label. */}
      <span className="hotkey">
        {index < 9 && (
          <>
            <span className="visually-hidden">{t('products.hotkey', { key: index + 1 })}</span>
            <kbd aria-hidden="true">{index + 1}</kbd>
          </>
        )}
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
      <BusyButton className="button button-primary" busy={busy} aria-label={t('products.launchLabel', { id: p.id, title: p.title })} onClick={onLaunch}>
        {t('products.launch')}
      </BusyButton>
      <IconButton glyph="×" label={t('products.remove', { id: p.id })} onClick={onRemove} />
    </li>
  );
}
