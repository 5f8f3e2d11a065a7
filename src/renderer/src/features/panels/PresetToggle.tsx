// Switches the console between the host's and the assistant's layout.
import { useTranslation } from 'react-i18next';
import { PRESETS, type Preset } from './usePreset';

export function PresetToggle({ preset, onChange }: { preset: Preset; onChange: (p: Preset) => void }) {
  const { t } = useTranslation();
  return (
    <div className="preset-toggle" role="group" aria-label={t('layout.label')}>
      {PRESETS.map((p) => (
        <button key={p} type="button" className="button button-quiet" aria-pressed={preset === p} onClick={() => onChange(p)}>
          {t(`layout.${p}`)}
        </button>
      ))}
    </div>
  );
}
