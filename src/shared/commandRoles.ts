// The least role each command needs, one line per command: the dispatcher refuses a call from a
// lower role before parsing it, and the refusal names the role needed. A new command without a
// line here fails `tsc`, so nothing is open to every operator by omission.
import type { CommandName } from './contract';
import { AppError } from './errors';
import { roleAtLeast, type Operator, type Role } from './teamContract';

export const COMMAND_ROLES: Record<CommandName, Role> = {
  'app:getInfo': 'moderator',
  'settings:get': 'moderator',
  'settings:save': 'host',
  'secrets:list': 'host',
  'secrets:set': 'host',
  'secrets:clear': 'host',
  'logs:openFolder': 'host',
  'studio:getStatus': 'moderator',
  'studio:restart': 'host',
  'room:getSession': 'moderator',
  'room:launchProduct': 'assistant',
  'room:unpinProduct': 'assistant',
  'room:setStatus': 'assistant',
  'room:announce': 'assistant',
  'room:launchGifts': 'assistant',
  'room:mute': 'moderator',
  'room:announceVerified': 'assistant',
  'room:onlineCount': 'moderator',
  'room:create': 'host',
  'room:use': 'host',
  'room:info': 'moderator',
  'room:urls': 'assistant',
  'room:copyPushUrl': 'host',
  'room:testConnection': 'host',
  'room:saveState': 'moderator',
  'room:loadState': 'moderator',
  'room:getAutoPause': 'moderator',
  'promo:startFlashSale': 'assistant',
  'promo:stopFlashSale': 'assistant',
  'promo:dropCoupon': 'assistant',
  'promo:endCoupon': 'assistant',
  'promo:startLuckyBag': 'assistant',
  'promo:pinComment': 'moderator',
  'promo:unpinComment': 'moderator',
  'promo:ledger': 'moderator',
  'promo:entrants': 'moderator',
  'moderation:health': 'moderator',
  'moderation:lists': 'moderator',
  'moderation:importList': 'moderator',
  'moderation:exportList': 'moderator',
  'moderation:deleteList': 'moderator',
  'moderation:check': 'moderator',
  'levels:getRules': 'moderator',
  'levels:setRules': 'host',
  'levels:top': 'moderator',
  'levels:user': 'moderator',
  'levels:of': 'moderator',
  'broadcast:getState': 'moderator',
  'broadcast:probe': 'host',
  'broadcast:listDevices': 'host',
  'broadcast:start': 'host',
  'broadcast:stop': 'host',
  'broadcast:retryNow': 'host',
  'lvb:previewPushUrl': 'host',
  // The show's figures and events, for the people who ran it (not moderators).
  'show:list': 'assistant',
  'show:open': 'assistant',
  'team:whoami': 'moderator',
  'team:state': 'moderator',
  'team:feed': 'moderator',
  'team:claimSession': 'moderator',
  'team:releaseSession': 'moderator',
  'team:journal': 'moderator',
  'team:exportJournal': 'moderator',
  'team:overview': 'host',
  'team:invite': 'host',
  'team:revoke': 'host',
};

const ROLE_NAMES: Record<Role, string> = { host: 'Host', assistant: 'Assistant', moderator: 'Moderator' };

/** Refuses an operator below `needed` with FORBIDDEN_ROLE; the message and details name the role needed. */
export function requireRole(operator: Operator, needed: Role, what: string): void {
  if (roleAtLeast(operator.role, needed)) return;
  throw new AppError('FORBIDDEN_ROLE', `${what} needs the ${ROLE_NAMES[needed]} role (${operator.name} is ${ROLE_NAMES[operator.role]})`, {
    needed,
    role: operator.role,
    command: what,
  });
}
