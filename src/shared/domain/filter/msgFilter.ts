// Applies a WordFilter to a Tencent MsgBody (Group.CallbackBeforeSendMsg): the human text of each
// element — Text of text elements; Desc and the text inside Ext of custom elements — producing the
// before-send verdict and, for masking, a rewritten body with order and types kept. A custom
// element's `Data` is its event key (SEND_GIFT …) and is never checked or rewritten; inside a known
// event's Ext the identifier keys (a gift's id, a product's id) are left alone too.
import { EXT_ID_KEYS, isCustomEventType } from '../liveCommerce';
import { strongest, type Verdict, type WordFilter, type WordMatch } from './wordFilter';

/** An element as callbacks carry it; unknown types (images, sounds…) pass through untouched. */
export interface LooseMsgElem {
  MsgType: string;
  MsgContent: Record<string, unknown>;
}

export interface BodyMatch extends WordMatch {
  elem: number;
  /** `Text`, `Desc`, `Ext`, or `Ext:<json path>` for strings inside Ext JSON. */
  field: string;
}

export interface BodyVerdict {
  verdict: Verdict;
  matches: BodyMatch[];
  /** The rewritten body when the verdict is mask. */
  body?: LooseMsgElem[];
}

/** Which MsgContent fields carry user-visible text, per element type. */
const TEXT_FIELDS: Record<string, readonly string[]> = {
  TIMTextElem: ['Text'],
  TIMCustomElem: ['Desc', 'Ext'],
  TIMLocationElem: ['Desc'],
};

export function filterMsgBody(filter: WordFilter, body: readonly LooseMsgElem[]): BodyVerdict {
  let verdict: Verdict = 'pass';
  const matches: BodyMatch[] = [];
  const rewritten: LooseMsgElem[] = [];
  for (let index = 0; index < body.length; index++) {
    const elem = body[index] as LooseMsgElem;
    const fields = TEXT_FIELDS[elem.MsgType] ?? [];
    let content = elem.MsgContent;
    for (const field of fields) {
      const value = content[field];
      if (typeof value !== 'string' || value === '') continue;
      const data = content.Data;
      const r = field === 'Ext' ? checkExt(filter, value, isCustomEventType(data) ? EXT_ID_KEYS[data] : []) : checkPlain(filter, value, field);
      if (r.matches.length === 0) continue;
      verdict = strongest(verdict, r.verdict);
      for (const m of r.matches) matches.push({ ...m, elem: index });
      content = { ...content, [field]: r.masked };
    }
    rewritten.push(content === elem.MsgContent ? elem : { MsgType: elem.MsgType, MsgContent: content });
  }
  return verdict === 'mask' ? { verdict, matches, body: rewritten } : { verdict, matches };
}

interface FieldResult {
  verdict: Verdict;
  matches: Array<WordMatch & { field: string }>;
  masked: string;
}

function checkPlain(filter: WordFilter, text: string, field: string): FieldResult {
  const r = filter.check(text);
  return { verdict: r.verdict, matches: r.matches.map((m) => ({ ...m, field })), masked: r.masked };
}

/**
 * Ext holding JSON is checked string by string and re-serialised only when masked; `idKeys` are
 * top-level keys that are identifiers and stay as they are.
 */
function checkExt(filter: WordFilter, ext: string, idKeys: readonly string[]): FieldResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(ext);
  } catch {
    return checkPlain(filter, ext, 'Ext');
  }
  if (typeof parsed !== 'object' || parsed === null) return checkPlain(filter, ext, 'Ext');
  let verdict: Verdict = 'pass';
  const matches: FieldResult['matches'] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (idKeys.includes(path)) return v;
      const r = filter.check(v);
      if (r.matches.length === 0) return v;
      verdict = strongest(verdict, r.verdict);
      for (const m of r.matches) matches.push({ ...m, field: `Ext:${path}` });
      return r.masked;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (typeof v === 'object' && v !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, path ? `${path}.${k}` : k);
      return o;
    }
    return v;
  };
  const masked = walk(parsed, '');
  return { verdict, matches, masked: matches.length ? JSON.stringify(masked) : ext };
}
