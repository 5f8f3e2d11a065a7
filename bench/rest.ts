// The App admin's side of the IM REST API for benchmarks: POST /v4/<service>/<command> with
// Tencent's query (sdkappid, identifier, usersig, random, contenttype) and a timing per call.
import { nodeCrypto } from '../src/node/infra/nodeCrypto';
import { genUserSig } from '../src/shared/domain/userSig';
import type { ImRestCommand, ImRestRequest } from '../src/shared/tencent/restSchemas';
import type { StudioInfo } from '../src/studio/studio';

export interface RestAnswer {
  ErrorCode: number;
  ErrorInfo: string;
  [key: string]: unknown;
}

export type RestCall = <C extends ImRestCommand>(command: C, body: ImRestRequest<C>) => Promise<RestAnswer>;

export function adminRest(info: StudioInfo): RestCall {
  const usersig = genUserSig(nodeCrypto, {
    sdkAppId: info.sdkAppId,
    secretKey: info.secretKey,
    identifier: info.adminIdentifier,
    expireSeconds: 86_400,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const fixed = `sdkappid=${info.sdkAppId}&identifier=${encodeURIComponent(info.adminIdentifier)}&usersig=${encodeURIComponent(usersig)}`;
  return async (command, body) => {
    const random = Math.floor(Math.random() * 0xffffffff);
    const res = await fetch(`${info.restBaseUrl}/v4/${command}?${fixed}&random=${random}&contenttype=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as RestAnswer;
  };
}

/** A Random unique within this process (send_group_msg de-duplicates on it for 5 minutes). */
let nextRandom = Math.floor(Math.random() * 0x7fffffff);
export const uniqueRandom = (): number => (nextRandom = (nextRandom + 1) >>> 0);
