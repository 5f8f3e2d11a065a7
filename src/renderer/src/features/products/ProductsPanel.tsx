// The product list: import, inline edit, one-click Launch (hotkeys 1–9), the launched product
// highlighted, Unpin, and the acknowledgement of the last action with its time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AckLine } from '../room/AckLine';
import { BusyButton } from '../shell/BusyButton';
import { useRoomView } from '../room/RoomContext';
import { ProductImport } from './ProductImport';
import { ProductRow } from './ProductRow';
import { useLaunch } from './useLaunch';
import { SetByLine } from '../team/SetByLine';
import { useTeam } from '../team/TeamContext';
import { useProductCatalog } from './useProductCatalog';
import { PromotionsSection } from '../promotions/PromotionsSection';

export function ProductsPanel() {
  const { t } = useTranslation();
  const catalog = useProductCatalog();
  const { state } = useRoomView();
  const launched = state.room.product;
  const [atOnce, setAtOnce] = useState(false);
  const { launch, unpin, busy, ack, ackKind, conflict, dismissConflict } = useLaunch(catalog.products, atOnce);
  const { state: shared } = useTeam();
  return (
    <div className="products">
      <ProductImport onImported={catalog.replace} />
      <div className="products-live">
        <span>{launched ? t('products.current', { id: launched.id, title: launched.title }) : t('products.none')}</span>
        {/* Focusable even with nothing to unpin: it turns so right after unpinning, under the keyboard. */}
        <BusyButton busy={!launched || busy} onClick={() => void unpin()}>
          {t('products.unpin')}
        </BusyButton>
      </div>
      <SetByLine value={launched ? shared?.product : null} />
      {conflict && (
        <div className="conflict" role="alertdialog" aria-label={t('team.conflict.label')} aria-describedby="launch-conflict-text">
          <p id="launch-conflict-text">{t('team.conflict.message', { ...conflict, product: conflict.product.title })}</p>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void launch(conflict.product, true)}>
            {t('team.conflict.anyway', { product: conflict.product.title })}
          </button>
          {/* The safe answer takes focus, so Enter never replaces someone else's launch by accident. */}
          <button type="button" className="button" autoFocus onClick={dismissConflict}>
            {t('team.conflict.keep', { current: conflict.current })}
          </button>
        </div>
      )}
      <AckLine ack={ack} okKey={ackKind === 'unpin' ? 'products.unpinned' : 'products.launched'} label={t('products.ackLabel')} />
      {catalog.products.length === 0 ? (
        <p className="empty-state">{t('products.empty')}</p>
      ) : (
        <ol className="product-list" aria-label={t('products.listLabel')}>
          {catalog.products.map((p, i) => (
            <ProductRow
              key={`${p.id}:${p.title}:${p.price}`}
              product={p}
              index={i}
              launched={launched?.id === p.id}
              busy={busy}
              onLaunch={() => void launch(p)}
              onEdit={(patch) => catalog.update(p.id, patch)}
              onRemove={() => catalog.remove(p.id)}
            />
          ))}
        </ol>
      )}
      <p className="field-hint">{t('products.hotkeysHint')}</p>
      <label className="check" title={t('products.launchNowHint')}>
        <input type="checkbox" checked={atOnce} onChange={(e) => setAtOnce(e.target.checked)} /> {t('products.launchNow')}
      </label>
      <PromotionsSection />
    </div>
  );
}
