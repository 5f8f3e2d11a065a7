import { describe, expect, it } from 'vitest';
import { importProducts, parseCsv } from './productImport';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, commas and line breaks in fields, CRLF and a BOM', () => {
    const text = '\uFEFFid,title\r\nA1,"Lipstick, red"\r\nA2,"Say ""hi""\nnow"\n\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'title'],
      ['A1', 'Lipstick, red'],
      ['A2', 'Say "hi"\nnow'],
    ]);
  });
});

describe('importProducts (CSV)', () => {
  it('imports valid rows with prices in minor units', () => {
    const csv = 'id,title,price,image,link,stock\nA1,Red lipstick,199.00,https://img.example.com/a1.png,https://shop.example.com/a1,12\nA2,Tea,9.5,,,\n';
    const r = importProducts(csv, 'catalog.csv');
    expect(r.errors).toEqual([]);
    expect(r.products).toEqual([
      { id: 'A1', title: 'Red lipstick', price: 19900, currency: 'CNY', image: 'https://img.example.com/a1.png', link: 'https://shop.example.com/a1', stock: 12 },
      { id: 'A2', title: 'Tea', price: 950, currency: 'CNY' },
    ]);
  });

  it('reports row-level errors by line number and keeps the good rows', () => {
    const csv = [
      'id,title,price,image,stock',
      'A1,Good,1.00,,',
      ',No id,2.00,,',
      'A3,,abc,,',
      'A1,Duplicate,3.00,,',
      'A5,Bad url,4.00,javascript:alert(1),-2',
      'A6,Too precise,1.999,,',
    ].join('\n');
    const r = importProducts(csv);
    expect(r.products.map((p) => p.id)).toEqual(['A1']);
    expect(r.errors).toEqual([
      { row: 3, field: 'id', problem: 'required' },
      { row: 4, field: 'title', problem: 'required' },
      { row: 4, field: 'price', problem: 'badPrice' },
      { row: 5, field: 'id', problem: 'duplicate' },
      { row: 6, field: 'image', problem: 'badUrl' },
      { row: 6, field: 'stock', problem: 'badStock' },
      { row: 7, field: 'price', problem: 'badPrice' },
    ]);
  });

  it('refuses a file without the required columns or without content', () => {
    expect(importProducts('name,cost\nx,1').failure).toBe('noHeader');
    expect(importProducts('   ').failure).toBe('empty');
  });
});

describe('importProducts (JSON)', () => {
  it('accepts a list or {products}, numbers or strings as major-unit prices', () => {
    const r = importProducts(JSON.stringify({ products: [{ id: 'B1', title: 'Bag', price: 59.9 }, { id: 'B2', title: 'Hat', price: '12' }] }), 'p.json');
    expect(r.products).toEqual([
      { id: 'B1', title: 'Bag', price: 5990, currency: 'CNY' },
      { id: 'B2', title: 'Hat', price: 1200, currency: 'CNY' },
    ]);
  });

  it('numbers items from 1 in errors, and says when the JSON is unusable', () => {
    const r = importProducts('[{"id":"B1","title":"Bag","price":-1}, 7]');
    expect(r.errors).toEqual([
      { row: 1, field: 'price', problem: 'badPrice' },
      { row: 2, field: 'id', problem: 'required' },
      { row: 2, field: 'title', problem: 'required' },
      { row: 2, field: 'price', problem: 'required' },
    ]);
    expect(importProducts('[oops', 'x.json').failure).toBe('badJson');
    expect(importProducts('{"a":1}').failure).toBe('notList');
  });
});
