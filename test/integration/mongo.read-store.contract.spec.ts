import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadStore, describeReadStoreContract } from '@behorighet/read-models';

/**
 * The shared ReadStore contract against a real MongoDB, run only when MONGODB_URI names one
 * (e.g. `mongodb://127.0.0.1:27017/?replicaSet=rs0` for transactions, or a standalone server).
 * Each test works in a database of its own and drops it afterwards.
 */
const uri = process.env.MONGODB_URI;

if (uri) {
  describeReadStoreContract('MongoReadStore on MongoDB', async () => {
    const client = new MongoClient(uri, { useBigInt64: true, ignoreUndefined: true });
    const db = client.db(`behorighet_contract_${randomUUID().slice(0, 8)}`);
    const store = new MongoReadStore(db, client);
    return {
      store,
      cleanup: async () => {
        await db.dropDatabase();
        await client.close();
      },
    };
  });
} else {
  process.stderr.write('SKIPPED MongoDB read-store contract suite: MONGODB_URI is not set\n');
  describe.skip('MongoReadStore on MongoDB (set MONGODB_URI to run)', () => {
    it('honours the ReadStore contract', () => undefined);
  });
}
