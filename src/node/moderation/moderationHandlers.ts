// Contract handlers for word lists, level rules and standings, over the callbacks service's admin
// API (the studio's embedded one; a merchant's deployment arrives with the Tencent issue).
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/rpc';
import type { CallbacksAdminClient } from './callbacksAdminClient';

type ModerationCommand = Extract<keyof Handlers, `moderation:${string}` | `levels:${string}`>;

export function moderationHandlers(client: () => Promise<CallbacksAdminClient>): Pick<Handlers, ModerationCommand> {
  return {
    'moderation:health': async () => (await client()).health(),
    'moderation:lists': async () => (await client()).lists(),
    'moderation:importList': async ({ id, action, roomId, text }) => (await client()).importList(id, action, roomId, text),
    'moderation:exportList': async ({ id }) => ({ text: await (await client()).exportList(id) }),
    'moderation:deleteList': async ({ id }) => (await client()).deleteList(id),
    'moderation:check': async ({ text }) => (await client()).check(text),
    'levels:getRules': async () => (await client()).rules(),
    'levels:setRules': async ({ rules }) => (await client()).setRules(rules),
    'levels:top': async ({ limit }) => (await client()).top(limit),
    'levels:user': async ({ userId }) => (await client()).user(userId),
    'levels:of': async ({ userIds }) => {
      const c = await client();
      const unique = [...new Set(userIds)];
      const standings = await Promise.all(unique.map((u) => c.user(u)));
      // Users with no recorded points are level 1 (the service only publishes level changes).
      return Object.fromEntries(unique.map((u, i) => [u, standings[i]?.level ?? 1]));
    },
  };
}

/** Refuses to publish text the room's own filter would block, naming the words (pre-flight). */
export async function preflight(client: CallbacksAdminClient | undefined, text: string, what: string): Promise<void> {
  if (!client || !text) return;
  let r;
  try {
    r = await client.check(text);
  } catch {
    return; // The filter service being down must not stop the show; the room's callback still filters.
  }
  if (r.verdict === 'pass') return;
  const words = [...new Set(r.matches.map((m) => m.word))];
  throw new AppError('BLOCKED_BY_FILTER', `The ${what} contains words the room filters (${r.verdict}): ${words.join(', ')}`, {
    verdict: r.verdict,
    words,
  });
}
