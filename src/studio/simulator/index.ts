// The audience simulator's public surface (CLI `stageside simulate`, e2e tests, benchmarks):
// run a seeded audience against a studio room, or just plan one.
export { runAudience, type AudienceOptions } from './audience';
export { locateStudio, normaliseStudioUrl, StudioUnreachableError, type StudioInfoLike, type StudioTarget } from './locate';
export { checkShape, planAudience, timeline, SHAPE_LIMITS, type AudiencePlan, type AudienceShape, type Action, type ActionKind } from './schedule';
export { formatProgress, formatSummary, type AudienceProgress, type AudienceSummary } from './summary';
export { seedOf } from './prng';
