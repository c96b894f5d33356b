import type { Document } from 'mongodb';
import type { MongoCollection, MongoDatabase, MongoSession, MongoSessions, StoredDocument } from '../mongo.mapping.js';

/** One driver call as the adapter made it. */
export interface DriverCall {
  collection: string;
  method: string;
  args: unknown[];
}

/** What the fake driver answers; each test sets what it needs. */
export interface DriverAnswers {
  hello: Document;
  findOne(collection: string, filter: Document): StoredDocument | null;
  find(collection: string, filter: Document): StoredDocument[];
  bulkWrite: { upsertedCount: number; modifiedCount: number; deletedCount: number };
  /** Thrown by bulkWrite when set. */
  bulkWriteError?: Error;
}

/**
 * A recording fake of exactly the driver methods `MongoReadStore` calls: it keeps every call
 * and answers what the test says. It does not pretend to be MongoDB; the contract suite
 * under test/integration runs the adapter against a real server.
 */
export function recordingMongo(answers: Partial<DriverAnswers> = {}) {
  const calls: DriverCall[] = [];
  const sessions = { started: 0, ended: 0, transactions: 0 };
  const answer: DriverAnswers = {
    hello: {},
    findOne: () => null,
    find: () => [],
    bulkWrite: { upsertedCount: 0, modifiedCount: 0, deletedCount: 0 },
    ...answers,
  };

  const collection = (name: string): MongoCollection => {
    const record = (method: string, args: unknown[]) => calls.push({ collection: name, method, args });
    const fake = {
      async createIndexes(...args: unknown[]) {
        record('createIndexes', args);
        return [];
      },
      async findOne(filter: Document, ...rest: unknown[]) {
        record('findOne', [filter, ...rest]);
        return answer.findOne(name, filter);
      },
      find(filter: Document, ...rest: unknown[]) {
        record('find', [filter, ...rest]);
        const found = answer.find(name, filter);
        return { toArray: async () => found, [Symbol.asyncIterator]: async function* () { yield* found; } };
      },
      async bulkWrite(...args: unknown[]) {
        record('bulkWrite', args);
        if (answer.bulkWriteError) throw answer.bulkWriteError;
        return answer.bulkWrite;
      },
      async updateOne(...args: unknown[]) {
        record('updateOne', args);
        return { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null };
      },
      async deleteOne(...args: unknown[]) {
        record('deleteOne', args);
        return { acknowledged: true, deletedCount: 1 };
      },
      async drop(...args: unknown[]) {
        record('drop', args);
        return true;
      },
    };
    return fake as unknown as MongoCollection;
  };

  const db: MongoDatabase = {
    collection,
    async command(command: Document) {
      calls.push({ collection: '(db)', method: 'command', args: [command] });
      return answer.hello;
    },
  };

  const session = { id: 'fake-session' };
  const client: MongoSessions = {
    startSession(): MongoSession {
      sessions.started += 1;
      return {
        withTransaction: async (work: (s: never) => Promise<unknown>) => {
          sessions.transactions += 1;
          return work(session as never);
        },
        endSession: async () => {
          sessions.ended += 1;
        },
      } as unknown as MongoSession;
    },
  };

  return { db, client, calls, sessions, session, answer };
}
