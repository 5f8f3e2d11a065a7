// The transport-independent half of the contract: the handler map, the dispatcher that parses
// every argument and turns results/throws into Result envelopes, and the API the renderer sees.
import type { AppErrorData, Result } from './errors';
import { fail, ok, toErrorData } from './errors';
import {
  commands,
  isCommandName,
  type CommandArgs,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type EventPayload,
  type TransportKind,
} from './contract';
import { describeIssues } from './settings';
import { COMMAND_ROLES, requireRole } from './commandRoles';
import { defaultHost, type Operator } from './teamContract';

export interface CallContext {
  transport: TransportKind;
  /** Who is calling; absent = the host (the desktop window, the CLI, tests). */
  operator?: Operator;
  /** The console's connection (web mode: one per socket; Electron: 'window'). */
  connectionId?: string;
}

/** The caller, the host when the transport named none. */
export const callerOf = (ctx: CallContext): Operator => ctx.operator ?? defaultHost();

export type Handlers = {
  [K in CommandName]: (
    args: CommandArgs<K>,
    ctx: CallContext,
  ) => Promise<CommandResult<K>> | CommandResult<K>;
};

export type Dispatcher = (name: unknown, arg: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface DispatchLog {
  (entry: { command: string; ok: boolean; code?: string; ms: number }): void;
}

/** Builds the one function both transports call: name check → zod parse → handler → envelope. */
export function createDispatcher(handlers: Handlers, log?: DispatchLog, now: () => number = () => 0): Dispatcher {
  return async (name, arg, ctx) => {
    const started = now();
    const done = (r: Result<unknown>): Result<unknown> => {
      log?.({
        command: typeof name === 'string' ? name.slice(0, 64) : '(non-string)',
        ok: r.ok,
        ...(r.ok ? {} : { code: r.error.code }),
        ms: now() - started,
      });
      return r;
    };
    if (!isCommandName(name)) {
      return done(fail('UNKNOWN_COMMAND', `Unknown command: ${String(name).slice(0, 64)}`));
    }
    try {
      // Every command, before its argument is read: a refusal names the role it needs.
      requireRole(callerOf(ctx), COMMAND_ROLES[name], name);
    } catch (e) {
      return done({ ok: false, error: toErrorData(e) });
    }
    const parsed = commands[name].request.safeParse(arg ?? {});
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return done(fail('BAD_REQUEST', `Invalid arguments for ${name}: ${issues.join('; ')}`, { issues }));
    }
    try {
      const handler = handlers[name] as (a: unknown, c: CallContext) => unknown;
      return done(ok(await handler(parsed.data, ctx)));
    } catch (e) {
      return done({ ok: false, error: toErrorData(e) });
    }
  };
}

/** What the renderer programs against, whatever the transport. */
export interface StagesideApi {
  readonly transport: TransportKind;
  call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Sends events to whoever is connected (Electron windows, web-mode sockets). */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** Fans one emit out to several sinks (e.g. the Electron window and web-mode sockets). */
export class EventHub implements EventSink {
  private readonly sinks = new Set<EventSink>();

  add(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const s of this.sinks) s.emit(name, payload);
  }
}

export type { AppErrorData };
