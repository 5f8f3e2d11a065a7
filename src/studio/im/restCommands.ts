// The REST command table: per `<service>/<command>` the shared schema, the service's own "invalid
// parameter"/"needs admin" codes (groups 10004/60010, accounts 70402/70403, profiles 40001/70403).
import { type z } from 'zod';
import { IM_ERR, type ImErrorCode } from '../../shared/tencent/errorCodes';
import { describeSchemaError, IM_REST_COMMANDS, type ImRestCommand } from '../../shared/tencent/restSchemas';
import { type EngineResult } from './engineApi';
import { type ImEngine, type RestContext } from './engine';
import { fail } from './result';

export type ImService = 'im_open_login_svc' | 'group_open_http_svc' | 'profile';

interface ServiceCodes {
  invalidParam: ImErrorCode;
  needsAdmin: ImErrorCode;
}

export const SERVICE_CODES: Readonly<Record<ImService, ServiceCodes>> = {
  im_open_login_svc: { invalidParam: IM_ERR.ACCOUNT_INVALID_PARAM, needsAdmin: IM_ERR.ACCOUNT_NEEDS_ADMIN },
  group_open_http_svc: { invalidParam: IM_ERR.INVALID_PARAM, needsAdmin: IM_ERR.NEEDS_ADMIN },
  profile: { invalidParam: IM_ERR.PROFILE_INVALID_PARAM, needsAdmin: IM_ERR.ACCOUNT_NEEDS_ADMIN },
};

const DEFAULT_RATE_PER_SECOND = 200;

export interface RestCommandSpec {
  name: ImRestCommand;
  service: ImService;
  ratePerSecond: number;
  /** Parses the body with the shared schema and runs the command; never throws for bad input. */
  execute(engine: ImEngine, body: unknown, ctx: RestContext): Promise<EngineResult<object>>;
}

type Body<C extends ImRestCommand> = z.output<(typeof IM_REST_COMMANDS)[C]['request']>;
type Runner<C extends ImRestCommand> = (
  engine: ImEngine,
  body: Body<C>,
  ctx: RestContext,
) => EngineResult<object> | Promise<EngineResult<object>>;

/** One runner per command of the shared table: a command without one fails `tsc`. */
const RUNNERS: { [C in ImRestCommand]: Runner<C> } = {
  'im_open_login_svc/account_import': (e, b) => e.accountImport(b),
  'im_open_login_svc/multiaccount_import': (e, b) => e.multiAccountImport(b),
  'group_open_http_svc/create_group': (e, b) => e.createGroup(b),
  'group_open_http_svc/get_group_info': (e, b) => e.getGroupInfo(b),
  'group_open_http_svc/modify_group_base_info': (e, b) => e.modifyGroupBaseInfo(b),
  'group_open_http_svc/destroy_group': (e, b) => e.destroyGroup(b),
  'group_open_http_svc/send_group_msg': (e, b, ctx) => e.sendGroupMsg(b, ctx),
  'group_open_http_svc/send_group_system_notification': (e, b) => e.sendGroupSystemNotification(b),
  'group_open_http_svc/forbid_send_msg': (e, b) => e.forbidSendMsg(b),
  'group_open_http_svc/get_online_member_num': (e, b) => e.getOnlineMemberNum(b),
  'group_open_http_svc/add_group_member': (e, b) => e.addGroupMember(b),
  'profile/portrait_set': (e, b) => e.portraitSet(b),
  'profile/portrait_get': (e, b) => e.portraitGet(b),
};

const RATE_PER_SECOND: Partial<Record<ImRestCommand, number>> = {
  'im_open_login_svc/multiaccount_import': 100,
};

function define(name: ImRestCommand): RestCommandSpec {
  const service = name.slice(0, name.indexOf('/')) as ImService;
  const schema = IM_REST_COMMANDS[name].request as z.ZodType;
  // The table is indexed by the same name, so body and runner agree; TS cannot correlate them.
  const run = RUNNERS[name] as Runner<ImRestCommand> as (e: ImEngine, b: unknown, c: RestContext) => ReturnType<Runner<ImRestCommand>>;
  return {
    name,
    service,
    ratePerSecond: RATE_PER_SECOND[name] ?? DEFAULT_RATE_PER_SECOND,
    async execute(engine, body, ctx) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) return fail(SERVICE_CODES[service].invalidParam, describeSchemaError(parsed.error));
      return run(engine, parsed.data, ctx);
    },
  };
}

export const REST_COMMANDS: ReadonlyMap<string, RestCommandSpec> = new Map(
  (Object.keys(IM_REST_COMMANDS) as ImRestCommand[]).map((name) => [name, define(name)]),
);

export function isImService(name: string): name is ImService {
  return Object.hasOwn(SERVICE_CODES, name);
}
