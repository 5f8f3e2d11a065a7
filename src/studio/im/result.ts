// EngineResult constructors with Tencent's code texts (errorCodes.ts), so every failure the
// engine returns carries a stable code and a readable ErrorInfo.
import { errorInfo, type ImErrorCode } from '../../shared/tencent/errorCodes';
import { type EngineResult } from './engineApi';

export type Fail = Extract<EngineResult<never>, { ok: false }>;

export const ok = <T>(value: T): EngineResult<T> => ({ ok: true, value });

/** A failure with the code's standard text, `detail` appended. */
export const fail = (code: ImErrorCode, detail?: string): Fail => ({ ok: false, code, message: errorInfo(code, detail) });

/** A failure whose code and text come from elsewhere (before-send callback pass-through). */
export const failRaw = (code: number, message: string): Fail => ({ ok: false, code, message });
