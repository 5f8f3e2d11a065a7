// Fits a product into the 512-byte `add_goods` field (reference §2.7): the whole product if it
// fits, else without the link, then without the image too; the caller says what was dropped.
import { CUSTOM_FIELD_MAX_BYTES, byteLength, type LaunchedProduct } from '../../../../shared/domain/liveCommerce';
import type { Product } from './productImport';

export type LaunchFit =
  | { ok: true; product: LaunchedProduct; dropped: ('link' | 'image')[] }
  | { ok: false; bytes: number };

export function fitLaunch(p: Product): LaunchFit {
  const full: LaunchedProduct = {
    id: p.id,
    title: p.title,
    price: p.price,
    currency: p.currency,
    ...(p.image ? { image: p.image } : {}),
    ...(p.link ? { link: p.link } : {}),
  };
  const { link: _link, ...noLink } = full;
  const { image: _image, ...bare } = noLink;
  const candidates: [LaunchedProduct, ('link' | 'image')[]][] = [
    [full, []],
    [noLink, p.link ? ['link'] : []],
    [bare, [...(p.link ? (['link'] as const) : []), ...(p.image ? (['image'] as const) : [])]],
  ];
  for (const [product, dropped] of candidates) {
    if (byteLength(JSON.stringify(product)) <= CUSTOM_FIELD_MAX_BYTES) return { ok: true, product, dropped };
  }
  return { ok: false, bytes: byteLength(JSON.stringify(bare)) };
}
