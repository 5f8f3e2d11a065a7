// The console's room state, in one import: decode TIM messages, fold them per frame, persist.
export * from './types';
export { decodeTimMessage, decodeTimMessages, decodeGroupProfile, encodePaidBy, encodeOperatorTag, decodeOperatorTag, type OperatorRole, type DecodeContext } from './decode';
export { reduceRoom } from './roomReducer';
export { initialRoomState, levelOf, isFollower, feedItem, totalTally } from './roomState';
export { messagesPerSecond, rateHistory, budgetUse, countAt, RATE_SECONDS, type RateGauge } from './rateGauge';
export { serialiseRoom, restoreRoom, restoreRoomResult, snapshotCounters, SNAPSHOT_VERSION, type RestoreResult, type RoomSnapshot } from './persist';
export { mapGet, mapEntries, type ShardedMap } from './shardedMap';
