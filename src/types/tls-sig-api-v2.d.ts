// Typings for Tencent's official UserSig library (CommonJS, ships none); used by tests as the
// reference implementation our generator and verifier must agree with (npm tls-sig-api-v2@1.0.2).
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkappid: number, key: string);
    genUserSig(userid: string, expire: number): string;
    genSig(userid: string, expire: number, userBuf?: Uint8Array | null): string;
    genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
    genPrivateMapKeyWithStringRoomID(userid: string, expire: number, roomstr: string, privilegeMap: number): string;
  }
}
