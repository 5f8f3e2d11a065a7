// The broadcast engine's Node side: ffmpeg discovery and probe, device listing, the supervised
// ffmpeg process and the BroadcastService the composition roots wire to the contract.
export { BroadcastService, type BroadcastServiceDeps } from './broadcastService';
export { locateFfmpeg, locateFfprobe, type FfmpegLocation, type LocateResult } from './ffmpegLocator';
export { probeCapabilities, testEncode, type FfmpegCapabilities, type HardwareCheck } from './capabilities';
export { listDevices, currentPlatform } from './deviceLister';
export { FfmpegProcess, nodeSpawner, type Spawner, type FfmpegExit } from './ffmpegProcess';
export { RecordingParts, defaultSessionName } from './recording';
