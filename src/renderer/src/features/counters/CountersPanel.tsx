// The room's figures at a glance: viewers online, likes, gifts and purchases (verified revenue
// apart from viewers' unverified claims), followers gained, and messages/s against the 40/s budget.
import { useTranslation } from 'react-i18next';
import { ROOM_LIMITS, messagesPerSecond, rateHistory, totalTally } from '../../../../shared/domain/room';
import { useRoomView } from '../room/RoomContext';
import { formatMoney } from './money';
import { Sparkline } from './Sparkline';
import { Stat } from './Stat';
import { useNow } from './useNow';

export function CountersPanel() {
  const { t } = useTranslation();
  const { state, online } = useRoomView();
  const now = useNow(1000);
  const c = state.counters;
  const gifts = totalTally(c.gifts);
  const purchases = totalTally(c.purchases);
  const budget = ROOM_LIMITS.groupBudgetPerSecond;
  const rate = messagesPerSecond(state.rate, now);
  const history = rateHistory(state.rate, now, 10);
  return (
    <div className="counters">
      <Stat label={t('counters.online')} value={online ?? '—'} />
      <Stat label={t('counters.likes')} value={c.likes} />
      <Stat
        label={t('counters.gifts')}
        value={`${gifts.count} · ${formatMoney(gifts.value)}`}
        detail={t('counters.split', {
          verified: `${c.gifts.verified.count} · ${formatMoney(c.gifts.verified.value)}`,
          unverified: `${c.gifts.unverified.count} · ${formatMoney(c.gifts.unverified.value)}`,
        })}
      />
      <Stat
        label={t('counters.purchases')}
        value={`${purchases.count} · ${formatMoney(purchases.value)}`}
        detail={t('counters.split', {
          verified: `${c.purchases.verified.count} · ${formatMoney(c.purchases.verified.value)}`,
          unverified: `${c.purchases.unverified.count} · ${formatMoney(c.purchases.unverified.value)}`,
        })}
      />
      <Stat label={t('counters.followers')} value={c.followersGained} />
      <Stat label={t('counters.messages')} value={c.messages} detail={c.unrecognised > 0 ? t('counters.unrecognised', { count: c.unrecognised }) : undefined} />
      <Stat
        wide
        label={t('counters.rate')}
        value={t('counters.rateValue', { rate, budget })}
        detail={
          <>
            <meter min={0} max={budget} high={budget * 0.8} optimum={0} value={Math.min(rate, budget)} aria-label={t('counters.budget')} />
            <Sparkline values={history} max={budget} label={t('counters.history', { values: history.join(', ') })} />
            <span>{t('counters.peak', { peak: state.rate.peak })}</span>
          </>
        }
      />
    </div>
  );
}
