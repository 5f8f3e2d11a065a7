import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { createLogger, RotatingFile, SecretRegistry } from './logger';

const USERSIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';

describe('logger', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  const readAll = () =>
    fs
      .readdirSync(tmp.dir)
      .map((f) => fs.readFileSync(path.join(tmp.dir, f), 'utf8'))
      .join('');

  it('writes JSON lines with no secret in messages, fields, nested objects or errors', () => {
    const secrets = new SecretRegistry();
    const key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
    secrets.add(key);
    const log = createLogger({ dir: tmp.dir }, secrets);
    const url = 'rtmp://push.example.com/live/s1?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099';
    log.info({ url, secretKey: 'abc123456', nested: { deep: [`key is ${key}`] } }, `pushing to ${url}`);
    log.warn(`REST call https://console.tim.qq.com/v4/x?sdkappid=1&identifier=admin&usersig=${USERSIG}&random=1`);
    log.error({ err: new Error(`login failed for sig ${USERSIG}`) }, 'failed');
    log.info('web mode on http://127.0.0.1:5170/?token=Zm9vYmFyYmF6cXV4');
    const text = readAll();
    expect(text.trim().split('\n')).toHaveLength(4);
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of [key, 'f85a2ab363fe4deaffef9754d79da6fe', 'abc123456', USERSIG, 'Zm9vYmFyYmF6cXV4']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('txTime=5C271099');
    expect(text).toContain('[REDACTED]');
  });

  it('rotates files at the size limit and keeps only the configured number', () => {
    const f = new RotatingFile(tmp.dir, 'app', 100, 2);
    for (let i = 0; i < 10; i++) f.write(`${'x'.repeat(40)}${i}\n`);
    f.close();
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    expect(fs.readFileSync(path.join(tmp.dir, 'app.log'), 'utf8')).toContain('x9');
    for (const name of fs.readdirSync(tmp.dir)) expect(fs.statSync(path.join(tmp.dir, name)).size).toBeLessThanOrEqual(100);
  });
});
