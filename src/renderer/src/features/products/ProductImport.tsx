// Imports a CSV or JSON product file and lists the rows that could not be imported, with why.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importProducts, type ImportResult, type Product } from './productImport';

export function ProductImport({ onImported }: { onImported: (products: Product[]) => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<ImportResult | null>(null);
  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const r = importProducts(await file.text(), file.name);
    setResult(r);
    if (!r.failure && r.products.length > 0) onImported(r.products);
  };
  return (
    <div className="product-import">
      <label className="button">
        {t('products.import')}
        <input
          type="file"
          className="visually-hidden"
          accept=".csv,.json,text/csv,application/json"
          aria-label={t('products.import')}
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      <span className="field-hint">{t('products.importHint')}</span>
      {result && <ImportSummary result={result} />}
    </div>
  );
}

/** What an import did: how many products, how many rows had problems (and which), or why it failed. */
export function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('products.importResult')} className="import-result">
      {result.failure ? (
        <p className="text-error">{t(`products.failure.${result.failure}`)}</p>
      ) : (
        <p>{t('products.imported', { count: result.products.length, problems: t('products.importProblems', { count: result.errors.length }) })}</p>
      )}
      {result.errors.length > 0 && (
        <ul className="row-errors">
          {result.errors.slice(0, 50).map((e, i) => (
            <li key={i} className="text-error">
              {t('products.rowError', { row: e.row, field: e.field, problem: t(`products.problems.${e.problem}`) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
