import { describe, expect, it } from 'vitest';
import { chartPanels, counterRates, withGaps } from './reportCharts';
import { showDataSchema, summarise, type ShowData } from './showData';

const show: ShowData = {
  v: 1,
  id: 'stageside-20260101-100000',
  startedAt: 0,
  endedAt: 150_000,
  outcome: { kind: 'ended', code: null },
  target: null,
  recording: [],
  events: [
    { at: 1000, kind: 'goLive', label: 'Live' },
    { at: 30_000, kind: 'launch', label: 'Lipstick' },
  ],
  series: {
    health: [{ at: 1000, kbps: 2500, fps: 30, drops: 0 }],
    viewerDelay: [],
    online: [
      { at: 10_000, count: 3 },
      { at: 20_000, count: 7 },
    ],
    counters: [
      { at: 0, messages: 100, likes: 10, gifts: 0, purchases: 0 },
      { at: 10_000, messages: 150, likes: 30, gifts: 2, purchases: 1 },
      { at: 70_000, messages: 150, likes: 35, gifts: 2, purchases: 3 },
      // The console switched to a fresh room state: a new baseline, nothing negative.
      { at: 80_000, messages: 0, likes: 0, gifts: 0, purchases: 0 },
      { at: 130_000, messages: 20, likes: 4, gifts: 1, purchases: 0 },
    ],
  },
};

describe('counterRates', () => {
  it('messages per second between readings; likes, gifts and purchases per minute from the start', () => {
    const r = counterRates(show.series.counters, show.startedAt, show.endedAt);
    expect(r.messages).toEqual([
      { at: 10_000, perSecond: 5 },
      { at: 70_000, perSecond: 0 },
      { at: 130_000, perSecond: 0.4 },
    ]);
    expect(r.minutes).toEqual([
      { at: 0, likes: 20, gifts: 2, purchases: 1 },
      { at: 60_000, likes: 5, gifts: 0, purchases: 2 },
      { at: 120_000, likes: 4, gifts: 1, purchases: 0 },
    ]);
  });
});

describe('show data', () => {
  it('round-trips through its schema and summarises', () => {
    expect(showDataSchema.parse(JSON.parse(JSON.stringify(show)))).toEqual(show);
    expect(summarise(show)).toMatchObject({ launches: 1, events: 2, peakOnline: 7, recordingParts: 0 });
  });

  it('refuses an id that is not file-name safe', () => {
    expect(showDataSchema.safeParse({ ...show, id: '../etc/passwd' }).success).toBe(false);
  });

  it('has one panel per figure, all in seconds on the time axis', () => {
    const panels = chartPanels(show);
    expect(panels.map((p) => p.id)).toEqual(['bitrate', 'fps', 'drops', 'viewerDelay', 'online', 'messages', 'perMinute']);
    expect(panels.find((p) => p.id === 'online')?.x).toEqual([10, 20]);
    expect(panels.find((p) => p.id === 'perMinute')?.series.map((s) => s.label)).toEqual(['Likes', 'Gifts', 'Purchases']);
  });
});

describe('withGaps', () => {
  it('breaks the line where samples are more than 5 s apart (an outage)', () => {
    expect(withGaps([{ at: 1000, value: 1 }, { at: 2000, value: 2 }, { at: 9000, value: 3 }])).toEqual({ x: [1, 2, 5.5, 9], values: [1, 2, null, 3] });
  });
});
