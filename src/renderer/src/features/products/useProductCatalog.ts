// The product catalog of this console, kept in localStorage so a reload or restart keeps it.
import { useCallback, useEffect, useState } from 'react';
import { importJson, type Product } from './productImport';

export const CATALOG_KEY = 'stageside.products.v1';

/** The catalog as last stored (the Products panel keeps it up to date). */
export function loadCatalog(): Product[] {
  try {
    const text = globalThis.localStorage?.getItem(CATALOG_KEY);
    return text ? importJson(text).products : [];
  } catch {
    return [];
  }
}

/** Stored as major-unit JSON, the same shape the JSON import reads, so it is re-validated on load. */
const toStored = (products: readonly Product[]): string =>
  JSON.stringify(products.map((p) => ({ ...p, price: (p.price / 100).toFixed(2) })));

export interface ProductCatalog {
  products: Product[];
  replace(products: Product[]): void;
  update(id: string, patch: Partial<Pick<Product, 'title' | 'price'>>): void;
  remove(id: string): void;
}

export function useProductCatalog(): ProductCatalog {
  const [products, setProducts] = useState<Product[]>(loadCatalog);
  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(CATALOG_KEY, toStored(products));
    } catch {
      // Storage full or disabled: the catalog still works for this session.
    }
  }, [products]);
  const replace = useCallback((next: Product[]) => setProducts(next), []);
  const update = useCallback(
    (id: string, patch: Partial<Pick<Product, 'title' | 'price'>>) => setProducts((list) => list.map((p) => (p.id === id ? { ...p, ...patch } : p))),
    [],
  );
  const remove = useCallback((id: string) => setProducts((list) => list.filter((p) => p.id !== id)), []);
  return { products, replace, update, remove };
}
