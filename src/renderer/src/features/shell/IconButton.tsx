// A button drawn as one glyph (×, ⋯). Its name is its content — hidden text beside the glyph —
// not an aria-label laid over a "×" that does not match it (axe's label-content-name-mismatch;
// a voice-control user says the name they are told).
import type { ButtonHTMLAttributes, Ref } from 'react';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  glyph: string;
  label: string;
  ref?: Ref<HTMLButtonElement>;
}

export function IconButton({ glyph, label, className = '', ...rest }: IconButtonProps) {
  return (
    <button type="button" className={`button button-quiet icon-button ${className}`.trim()} {...rest}>
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
