// `stageside simulate`: a seeded audience (join, chat, like, gift, follow, buy, leave) against a
// studio room, for rehearsals, e2e runs and load; prints progress and a summary. Thin over
// src/studio/simulator.
import { WebSocket } from 'ws';
import {
  checkShape,
  formatProgress,
  formatSummary,
  normaliseStudioUrl,
  runAudience,
  seedOf,
  SHAPE_LIMITS,
  StudioUnreachableError,
  type AudienceShape,
} from '../../studio/simulator';
import { parseFlags, UsageError, type CliCommand } from '../io';

const usage = `Usage: stageside simulate [--studio URL] [--room ID] [--viewers N] [--chat-rate R] [--like-rate L]
                          [--gift-rate G] [--buy-rate B] [--duration S] [--seed X] [--json]

Plays a simulated audience into a studio room: N viewers (sim_1 … sim_N, nicks in en/zh-CN/ja/ko)
join in waves, chat, like (merged LIKE batches), send gifts from the room's gift_catalog, follow,
buy the product launched in add_goods, and leave (some early, some join late). One more viewer,
sim_observer, only listens and counts what arrives. Rates are per second across the whole room.
  --studio URL      the studio's base URL (default http://127.0.0.1:5180)
  --room ID         AVChatRoom to join (default: the studio's demo room)
  --viewers N       simulated viewers, 1-${SHAPE_LIMITS.maxViewers} (default 50)
  --chat-rate R     chat messages per second (default 2)
  --like-rate L     LIKE messages per second, each carrying 1-20 taps (default 5)
  --gift-rate G     SEND_GIFT messages per second (default 0.5)
  --buy-rate B      BUY_GOODS messages per second while a product is launched (default 0.2)
  --duration S      seconds of activity; final leaves follow (default 60)
  --seed X          same seed, same audience plan (default: printed, from the clock)
  --json            print the summary as one JSON line instead of text
The plan is deterministic; wall-clock timing and the race between buys and product launches are
not. Ctrl+C stops early: everyone leaves and the summary is printed.`;

const number = (raw: string, flag: string): number => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got "${raw}"`);
  return n;
};

export const simulateCommand: CliCommand = {
  summary: 'Simulate a live audience against a studio room',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      studio: { type: 'string', default: 'http://127.0.0.1:5180' },
      room: { type: 'string' },
      viewers: { type: 'string', default: '50' },
      'chat-rate': { type: 'string', default: '2' },
      'like-rate': { type: 'string', default: '5' },
      'gift-rate': { type: 'string', default: '0.5' },
      'buy-rate': { type: 'string', default: '0.2' },
      duration: { type: 'string', default: '60' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    let studioUrl: string;
    try {
      studioUrl = normaliseStudioUrl(f.studio);
    } catch (e) {
      throw new UsageError(`--studio: ${e instanceof Error ? e.message : String(e)}`);
    }
    const room = f.room?.trim();
    if (room !== undefined && !/^[\x20-\x7e]{1,48}$/.test(room)) throw new UsageError('--room must be 1-48 printable ASCII characters');
    const seedText = f.seed?.trim();
    if (seedText === '') throw new UsageError('--seed must not be empty');
    const seed = seedOf(seedText ?? String(io.now() % 0x100000000));
    const shape: AudienceShape = {
      viewers: number(f.viewers, '--viewers'),
      chatRate: number(f['chat-rate'], '--chat-rate'),
      likeRate: number(f['like-rate'], '--like-rate'),
      giftRate: number(f['gift-rate'], '--gift-rate'),
      buyRate: number(f['buy-rate'], '--buy-rate'),
      durationSec: number(f.duration, '--duration'),
      seed,
    };
    const problem = checkShape(shape);
    if (problem) throw new UsageError(problem.replace(/^(viewers|duration)\b/, '--$1').replace(/^(chat|like|gift|buy) rate\b/, '--$1-rate'));

    io.stderr(
      `Simulating ${shape.viewers} viewers for ${shape.durationSec}s against ${studioUrl} (seed ${seed}; pass --seed ${seed} to repeat)`,
    );
    const stop = new AbortController();
    const onSignal = (): void => {
      io.stderr('Stopping: viewers are leaving…');
      stop.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const summary = await runAudience({
        ...shape,
        studioUrl,
        ...(room !== undefined ? { room } : {}),
        WebSocket,
        signal: stop.signal,
        log: (line) => io.stderr(line),
        onProgress: (p) => io.stderr(formatProgress(p)),
        progressEveryMs: shape.durationSec <= 30 ? 1000 : 5000,
      });
      if (f.json) io.stdout(JSON.stringify(summary));
      else for (const line of formatSummary(summary)) io.stdout(line);
      return 0;
    } catch (e) {
      if (e instanceof StudioUnreachableError) {
        io.stderr(`stageside simulate: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
