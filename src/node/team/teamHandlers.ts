// Contract handlers of the team console: who am I, the one room state, the feed from the IM
// session that feeds it, IM-login claims, the journal and its export, invites (host only; the
// dispatcher's role table refuses the rest).
import { AppError } from '../../shared/errors';
import { callerOf, type CallContext, type Handlers } from '../../shared/rpc';
import type { Team } from './team';

type TeamCommand = Extract<keyof Handlers, `team:${string}`>;

/** Electron's one window, the CLI and tests have no connection of their own. */
const connectionOf = (ctx: CallContext): string => ctx.connectionId ?? 'window';

export function teamHandlers(team: Team, o: { invitesSupported: boolean }): Pick<Handlers, TeamCommand> {
  return {
    'team:whoami': (_a, ctx) => ({ operator: callerOf(ctx), connectionId: connectionOf(ctx) }),
    'team:state': () => team.hub.state(),
    'team:feed': (feed, ctx) => team.hub.feed(connectionOf(ctx), feed),
    'team:claimSession': ({ takeOver }, ctx) => team.hub.claim(callerOf(ctx), connectionOf(ctx), takeOver),
    'team:releaseSession': (_a, ctx) => ({ released: team.hub.release(callerOf(ctx), connectionOf(ctx)) }),
    'team:journal': (filter) => team.journal.list(filter),
    'team:exportJournal': ({ format, show }) => team.journal.export(format, show),
    'team:overview': () => team.overview(),
    'team:invite': (r) => {
      if (!o.invitesSupported) throw new AppError('NOT_SUPPORTED', 'Invite links are for web mode: start `stageside web` and invite from its console');
      const { invite, token } = team.invites.issue(r);
      return { invite, link: `/?invite=${encodeURIComponent(token)}` };
    },
    'team:revoke': ({ id }) => team.revoke(id),
  };
}
