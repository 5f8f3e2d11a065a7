// The level-rules editor's form: every number of the rules schema as a text field ("text.points"),
// thresholds as a comma-separated list; validated with the shared draft schema before saving.
import { levelRulesDraftSchema, type LevelRules, type LevelRulesDraft } from '../../../../shared/domain/levels/levelRules';

export const RULE_FIELDS = [
  'text.points',
  'text.perMinuteCap',
  'like.pointsPerLike',
  'like.maxPerBatch',
  'like.perMinuteCap',
  'gift.pointsPerUnit',
  'purchase.pointsPerUnit',
  'purchase.pointsPerOrder',
  'watch.pointsPerMinute',
  'watch.maxMinutesPerSession',
  'unverifiedWeight',
  'thresholds',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export type RulesForm = Record<RuleField, string>;
/** The i18n key of a field's label: `moderation.rules.fields.text_points`. */
export type RuleLabel = RuleField extends infer F ? (F extends `${infer A}.${infer B}` ? `${A}_${B}` : F) : never;
export const ruleLabel = (key: RuleField): RuleLabel => key.replace('.', '_') as RuleLabel;

export type RulesParse = { ok: true; draft: LevelRulesDraft } | { ok: false; errors: Partial<Record<RuleField, string>> };

const read = (rules: LevelRules, key: RuleField): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], rules);

export function rulesToForm(rules: LevelRules): RulesForm {
  const form = {} as RulesForm;
  for (const key of RULE_FIELDS) {
    const v = read(rules, key);
    form[key] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return form;
}

const toNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));

export function formToRules(form: RulesForm): RulesParse {
  const draft: Record<string, unknown> = {};
  for (const key of RULE_FIELDS) {
    const value = key === 'thresholds' ? form.thresholds.split(/[\s,，、]+/).filter(Boolean).map(toNumber) : toNumber(form[key]);
    const [group, leaf] = key.split('.') as [string, string | undefined];
    if (leaf === undefined) draft[group] = value;
    else draft[group] = { ...(draft[group] as object | undefined), [leaf]: value };
  }
  const parsed = levelRulesDraftSchema.safeParse(draft);
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: Partial<Record<RuleField, string>> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p) => typeof p === 'string').join('.');
    const key = (RULE_FIELDS as readonly string[]).includes(path) ? (path as RuleField) : 'thresholds';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
