// Creating an AVChatRoom (optional custom id, name ≤ 30 bytes, welcome notification) or switching to
// an existing group. Main saves the new group id to settings; the console's room session follows.
// The submit buttons keep focus while busy (BusyButton), so Escape still closes the dialog.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/roomContract';
import { useStore } from '../../store/StoreContext';
import { TextField } from '../settings/Field';
import { BusyButton } from '../shell/BusyButton';
import { checkCreate, checkUse, utf8Bytes, type CreateDraft, type CreateErrors } from './roomAdmin';
import { useRoomCommandError } from './useRoomCommandError';

type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

function OutcomeLine({ outcome, label }: { outcome: Outcome; label: string }) {
  return (
    <>
      <p role="status" aria-label={label} className="ack ack-ok">
        {outcome?.ok ? outcome.text : ''}
      </p>
      {outcome && !outcome.ok && (
        <p role="alert" className="text-error">
          {outcome.text}
        </p>
      )}
    </>
  );
}

export function CreateRoomForm({ onChanged }: { onChanged: (info: RoomInfo) => void }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useRoomCommandError();
  const [draft, setDraft] = useState<CreateDraft>({ groupId: '', name: '', notification: '' });
  const [errors, setErrors] = useState<CreateErrors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const set = (patch: Partial<CreateDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (field: keyof CreateDraft) => {
    const key = errors[field];
    return key ? t(`roomAdmin.errors.${key}`) : undefined;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const checked = checkCreate(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setOutcome(null);
      const first = (['groupId', 'name', 'notification'] as const).find((f) => checked.errors[f]);
      if (first) document.getElementById(`room-create-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await api.call('room:create', checked.request);
    setBusy(false);
    if (!r.ok) return setOutcome({ ok: false, text: describe(r.error) });
    setOutcome({ ok: true, text: t('roomAdmin.create.done', { groupId: r.value.groupId }) });
    setDraft({ groupId: '', name: '', notification: '' });
    onChanged(r.value);
  };

  return (
    <form className="room-section room-form" aria-labelledby="room-create-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="room-create-title" className="section-title">
        {t('roomAdmin.create.title')}
      </h3>
      <TextField
        id="room-create-groupId"
        label={t('roomAdmin.create.groupId')}
        hint={t('roomAdmin.create.groupIdHint')}
        value={draft.groupId}
        onChange={(groupId) => set({ groupId })}
        error={err('groupId')}
      />
      <TextField
        id="room-create-name"
        label={t('roomAdmin.create.name')}
        hint={t('roomAdmin.create.nameHint', { used: utf8Bytes(draft.name.trim()) })}
        value={draft.name}
        onChange={(name) => set({ name })}
        error={err('name')}
      />
      <TextField
        id="room-create-notification"
        label={t('roomAdmin.create.notification')}
        value={draft.notification}
        onChange={(notification) => set({ notification })}
        error={err('notification')}
      />
      <div className="row-actions">
        <BusyButton type="submit" className="button button-primary" busy={busy}>
          {t('roomAdmin.create.submit')}
        </BusyButton>
      </div>
      <OutcomeLine outcome={outcome} label={t('roomAdmin.create.resultLabel')} />
    </form>
  );
}

export function UseGroupForm({ onChanged }: { onChanged: (info: RoomInfo) => void }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useRoomCommandError();
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const checked = checkUse(groupId);
    if (!checked.ok) {
      setError(t(`roomAdmin.errors.${checked.error}`));
      setOutcome(null);
      document.getElementById('room-use-groupId')?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const r = await api.call('room:use', { groupId: checked.groupId });
    setBusy(false);
    if (!r.ok) return setOutcome({ ok: false, text: describe(r.error) });
    setOutcome({ ok: true, text: t('roomAdmin.use.done', { groupId: r.value.groupId }) });
    setGroupId('');
    onChanged(r.value);
  };

  return (
    <form className="room-section room-form" aria-labelledby="room-use-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="room-use-title" className="section-title">
        {t('roomAdmin.use.title')}
      </h3>
      <TextField id="room-use-groupId" label={t('roomAdmin.use.groupId')} value={groupId} onChange={setGroupId} error={error} />
      <div className="row-actions">
        <BusyButton type="submit" busy={busy}>
          {t('roomAdmin.use.submit')}
        </BusyButton>
      </div>
      <OutcomeLine outcome={outcome} label={t('roomAdmin.use.resultLabel')} />
    </form>
  );
}
