// Contract handlers for the live room: thin over RoomService. Every admin action goes through the
// team's journal (who, what, Tencent's answer, delivery acknowledgement) and, when it changes what
// the room shows, the one room state (who made it current).
import { callerOf, type Handlers } from '../../shared/rpc';
import { ackKeyOf } from '../../shared/teamContract';
import { snapshotCounters } from '../../shared/domain/room/persist';
import type { AutoPause } from '../broadcast/autoPause';
import type { ShowInputs } from '../show/showRecorder';
import type { Team } from '../team/team';
import type { RoomService } from './roomService';

type RoomCommand = Extract<keyof Handlers, `room:${string}`>;

/**
 * The auto-pause learns of every status an operator writes: a pause of its own is then theirs to
 * undo. The show recorder gets the operators' acknowledged launches, status changes and
 * announcements, and the room's figures the console already sends (its saved counters, the online
 * count it polls), timed on arrival here.
 */
export function roomHandlers(
  room: RoomService,
  autoPause: Pick<AutoPause, 'snapshot' | 'noteOperatorStatus'>,
  team: Team,
  show?: Pick<ShowInputs, 'admin' | 'roomCounters' | 'viewersOnline'>,
  now: () => number = Date.now,
  /**
   * The stream clock to align a launch to (its id rides in the next frame's clock SEI), or null:
   * "align pop-ups to the video" is off, or the push carries no clock.
   */
  align?: (cueId: string) => number | null,
): Pick<Handlers, RoomCommand> {
  return {
    'room:getSession': ({ role }, ctx) => room.session(role, ctx.operator),
    'room:launchProduct': async ({ product: asked, seen, force, now: atOnce }, ctx) => {
      const operator = callerOf(ctx);
      team.hub.checkLaunch(operator, seen, force);
      // The clock is main's, taken on arrival (the click, a few ms ago); never the renderer's.
      const { at: _fromCaller, ...plain } = asked;
      const at = atOnce ? null : (align?.(cueIdOf(plain.id)) ?? null);
      const product = at === null ? plain : { ...plain, at };
      const ack = await team.journaled({ operator, kind: 'launch', request: { product, ...(seen === undefined ? {} : { seen }), force }, ackKey: ackKeyOf.product(product.id) }, () =>
        room.launchProduct(product),
      );
      team.hub.attribute('product', product, operator);
      show?.admin({ kind: 'launch', title: product.title }, ack.at);
      return ack;
    },
    'room:unpinProduct': async (_a, ctx) => {
      const operator = callerOf(ctx);
      const ack = await team.journaled({ operator, kind: 'unpin', request: {}, ackKey: ackKeyOf.product(null) }, () => room.unpinProduct());
      team.hub.attribute('product', null, operator);
      return ack;
    },
    'room:setStatus': async ({ status }, ctx) => {
      const operator = callerOf(ctx);
      autoPause.noteOperatorStatus(status);
      const ack = await team.journaled({ operator, kind: 'status', request: { status }, ackKey: ackKeyOf.status(status) }, () => room.setStatus(status));
      team.hub.attribute('status', status, operator);
      show?.admin({ kind: 'status', status }, ack.at);
      return ack;
    },
    'room:announce': async ({ text }, ctx) => {
      const operator = callerOf(ctx);
      const ack = await team.journaled({ operator, kind: 'announce', request: { text }, ackKey: ackKeyOf.announcement(text) }, () => room.announce(text));
      team.hub.attribute('announcement', text, operator);
      show?.admin({ kind: 'announcement', text }, ack.at);
      return ack;
    },
    'room:launchGifts': ({ gifts }, ctx) =>
      team.journaled({ operator: callerOf(ctx), kind: 'gifts', request: { gifts }, ackKey: ackKeyOf.gifts(gifts.map((g) => g.id)) }, () => room.launchGifts(gifts)),
    // AVChatRoom members get no tip for a mute: nothing to acknowledge.
    'room:mute': ({ userId, minutes }, ctx) =>
      team.journaled({ operator: callerOf(ctx), kind: 'mute', request: { userId, minutes }, ackKey: null }, () => room.mute(userId, minutes)),
    'room:announceVerified': (a, ctx) =>
      team.journaled({ operator: callerOf(ctx), kind: 'verified', request: a, ackKey: ackKeyOf.verified(a.kind, a.itemId, a.userId) }, () => room.announceVerified(a)),
    'room:onlineCount': async () => {
      const r = await room.onlineCount();
      show?.viewersOnline(now(), r.count);
      return r;
    },
    'room:create': (r) => room.create(r),
    'room:use': ({ groupId }) => room.use(groupId),
    'room:info': () => room.info(),
    'room:urls': () => room.urls(),
    'room:copyPushUrl': ({ part }) => room.copyPushUrl(part),
    'room:testConnection': () => room.testConnection(),
    'room:saveState': ({ groupId, state }) => {
      room.saveState(groupId, state);
      const counters = show ? snapshotCounters(state) : null;
      if (counters) show?.roomCounters(now(), counters);
      return { saved: true as const };
    },
    'room:loadState': ({ groupId }) => room.loadState(groupId),
    'room:getAutoPause': () => autoPause.snapshot(),
  };
}

/** A product id as a clock-SEI cue id (letters, digits and _ . : - only, at most 64). */
const cueIdOf = (id: string): string => id.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64) || 'launch';
