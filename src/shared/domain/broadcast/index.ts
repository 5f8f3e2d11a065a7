// The broadcast domain's public surface: spec schema, presets, argv builder, parsers, classifier,
// the stream state machine and its reconnect numbers. Pure; runs anywhere.
export * from './errors';
export * from './spec';
export * from './presets';
export * from './inputs';
export * from './encoders';
export * from './ffmpegArgs';
export * from './progress';
export * from './stderrClassifier';
export * from './stateMachine';
export * from './health';
export * from './snapshot';
export * from './devices';
export * from './probeParsers';
