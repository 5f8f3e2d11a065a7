// Runs the LevelStore suite on a real PostgreSQL when STAGESIDE_TEST_PG_URL is set
// (e.g. postgres://stageside:stageside@127.0.0.1:5432/stageside_test); each run uses its own schema.
import pg from 'pg';
import { afterAll } from 'vitest';
import { describeWith, envVar } from '../../../test/support/prereqs';
import { PgLevelStore } from './pgStore';
import { levelStoreSuite } from './storeSuite.testkit';

const url = process.env.STAGESIDE_TEST_PG_URL;

const schemas: string[] = [];
let n = 0;

describeWith([envVar('STAGESIDE_TEST_PG_URL', 'set it to postgres://user:pass@host/db to run on PostgreSQL (.ci/run starts one)')])('PgLevelStore', () => {
  levelStoreSuite(async () => {
    const schema = `cbtest_${process.pid}_${Date.now().toString(36)}_${n++}`;
    schemas.push(schema);
    return PgLevelStore.open({ url: url as string, schema });
  });

  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.end();
  });
});
