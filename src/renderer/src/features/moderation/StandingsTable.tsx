// Standings as a table: account, level, points and what earned them.
import { useTranslation } from 'react-i18next';
import type { Standing } from '../../../../shared/moderationContract';
import { formatMoney } from '../counters/money';

export const STANDING_COLUMNS = ['account', 'level', 'points', 'messages', 'likes', 'giftValue', 'purchaseValue'] as const;

export function StandingsTable({ standings, label }: { standings: Standing[]; label: string }) {
  const { t, i18n } = useTranslation();
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          {STANDING_COLUMNS.map((c) => (
            <th key={c} scope="col">
              {t(`moderation.users.columns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {standings.map((s) => (
          <tr key={s.account}>
            <th scope="row">{s.account}</th>
            <td className="num">{s.level}</td>
            <td className="num">{num.format(s.points)}</td>
            <td className="num">{num.format(s.messages)}</td>
            <td className="num">{num.format(s.likes)}</td>
            <td className="num">{formatMoney(s.giftValue)}</td>
            <td className="num">{formatMoney(s.purchaseValue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
