// Contract handlers for the live room: thin over RoomService.
import type { Handlers } from '../../shared/rpc';
import type { AutoPause } from '../broadcast/autoPause';
import type { RoomService } from './roomService';

type RoomCommand = Extract<keyof Handlers, `room:${string}`>;

/** The auto-pause learns of every status an operator writes: a pause of its own is then theirs to undo. */
export function roomHandlers(room: RoomService, autoPause: Pick<AutoPause, 'snapshot' | 'noteOperatorStatus'>): Pick<Handlers, RoomCommand> {
  return {
    'room:getSession': ({ role }) => room.session(role),
    'room:launchProduct': ({ product }) => room.launchProduct(product),
    'room:unpinProduct': () => room.unpinProduct(),
    'room:setStatus': ({ status }) => (autoPause.noteOperatorStatus(status), room.setStatus(status)),
    'room:announce': ({ text }) => room.announce(text),
    'room:launchGifts': ({ gifts }) => room.launchGifts(gifts),
    'room:mute': ({ userId, minutes }) => room.mute(userId, minutes),
    'room:announceVerified': (a) => room.announceVerified(a),
    'room:onlineCount': () => room.onlineCount(),
    'room:create': (r) => room.create(r),
    'room:use': ({ groupId }) => room.use(groupId),
    'room:info': () => room.info(),
    'room:urls': () => room.urls(),
    'room:copyPushUrl': ({ part }) => room.copyPushUrl(part),
    'room:testConnection': () => room.testConnection(),
    'room:saveState': ({ groupId, state }) => (room.saveState(groupId, state), { saved: true as const }),
    'room:loadState': ({ groupId }) => room.loadState(groupId),
    'room:getAutoPause': () => autoPause.snapshot(),
  };
}
