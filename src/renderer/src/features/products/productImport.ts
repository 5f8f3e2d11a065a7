// Product catalog import from CSV or JSON (columns id,title,price,image,link,stock[,currency]).
// Prices in files are major units ("199.00") and are stored in minor units (19900). Every row is
// validated on its own, so one bad row is reported with its number and the rest still import.
import { parseMajor } from '../counters/money';

export interface Product {
  id: string;
  title: string;
  /** Minor units. */
  price: number;
  currency: string;
  image?: string;
  link?: string;
  stock?: number;
}

export type ProductField = 'id' | 'title' | 'price' | 'image' | 'link' | 'stock' | 'currency';
export type RowProblem = 'required' | 'tooLong' | 'badPrice' | 'badUrl' | 'badStock' | 'duplicate' | 'badCurrency';
export interface RowError {
  /** CSV: the line number (header = 1). JSON: the item number (first = 1). */
  row: number;
  field: ProductField;
  problem: RowProblem;
}
export type ImportFailure = 'empty' | 'noHeader' | 'badJson' | 'notList' | 'tooMany';
export interface ImportResult {
  products: Product[];
  errors: RowError[];
  failure?: ImportFailure;
}

export const MAX_PRODUCTS = 500;
const HTTP_URL = /^https?:\/\/\S+$/i;

/** RFC 4180 CSV: quoted fields with "" escapes, commas and line breaks inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

type Raw = Partial<Record<ProductField, unknown>>;

function validate(raw: Raw, row: number, seen: Set<string>, errors: RowError[]): Product | undefined {
  const before = errors.length;
  const err = (field: ProductField, problem: RowProblem): void => void errors.push({ row, field, problem });
  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
  const id = str(raw.id);
  const title = str(raw.title);
  if (!id) err('id', 'required');
  else if (id.length > 64) err('id', 'tooLong');
  else if (seen.has(id)) err('id', 'duplicate');
  if (!title) err('title', 'required');
  else if (title.length > 120) err('title', 'tooLong');
  const priceText = str(raw.price);
  const price = priceText ? parseMajor(priceText) : undefined;
  if (!priceText) err('price', 'required');
  else if (price === undefined) err('price', 'badPrice');
  const optionalUrl = (field: 'image' | 'link'): string | undefined => {
    const v = str(raw[field]);
    if (!v) return undefined;
    if (v.length > 300 || !HTTP_URL.test(v)) err(field, 'badUrl');
    return v;
  };
  const image = optionalUrl('image');
  const link = optionalUrl('link');
  const stockText = str(raw.stock);
  const stock = stockText ? Number(stockText) : undefined;
  if (stock !== undefined && (!Number.isSafeInteger(stock) || stock < 0)) err('stock', 'badStock');
  const currency = str(raw.currency).toUpperCase() || 'CNY';
  if (!/^[A-Z]{3}$/.test(currency)) err('currency', 'badCurrency');
  if (errors.length > before || price === undefined) return undefined;
  seen.add(id);
  return { id, title, price, currency, ...(image ? { image } : {}), ...(link ? { link } : {}), ...(stock !== undefined ? { stock } : {}) };
}

const FIELDS: readonly ProductField[] = ['id', 'title', 'price', 'image', 'link', 'stock', 'currency'];

function fromRows(raws: { raw: Raw; row: number }[]): ImportResult {
  if (raws.length > MAX_PRODUCTS) return { products: [], errors: [], failure: 'tooMany' };
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const products: Product[] = [];
  for (const { raw, row } of raws) {
    const p = validate(raw, row, seen, errors);
    if (p) products.push(p);
  }
  return { products, errors };
}

export function importCsv(text: string): ImportResult {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header) return { products: [], errors: [], failure: 'empty' };
  if (!header.includes('id') || !header.includes('title') || !header.includes('price')) return { products: [], errors: [], failure: 'noHeader' };
  return fromRows(
    rows.slice(1).map((cells, i) => {
      const raw: Raw = {};
      header.forEach((h, col) => {
        if ((FIELDS as readonly string[]).includes(h)) raw[h as ProductField] = cells[col];
      });
      return { raw, row: i + 2 };
    }),
  );
}

export function importJson(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { products: [], errors: [], failure: 'badJson' };
  }
  const list = Array.isArray(data) ? data : (data as { products?: unknown } | null)?.products;
  if (!Array.isArray(list)) return { products: [], errors: [], failure: 'notList' };
  return fromRows(list.map((item, i) => ({ raw: item !== null && typeof item === 'object' ? (item as Raw) : {}, row: i + 1 })));
}

/** JSON for `.json` files or text that starts like JSON; CSV otherwise. */
export function importProducts(text: string, fileName = ''): ImportResult {
  if (!text.trim()) return { products: [], errors: [], failure: 'empty' };
  const looksJson = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  return looksJson ? importJson(text) : importCsv(text);
}
