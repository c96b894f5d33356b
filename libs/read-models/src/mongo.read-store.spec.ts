import { MemoryReadStore } from './memory.read-store.js';
import type { StoredDocument } from './mongo.mapping.js';
import { MongoReadStore } from './mongo.read-store.js';
import { NoIndexForFilterError, UnknownCollectionError } from './read-models.errors.js';
import type { ReadBatch } from './read-store.port.js';
import { recordingMongo, type DriverAnswers } from './testing/recording-mongo.js';

const members = {
  name: 'members',
  indexes: [
    { name: 'byOrganization', fields: ['organizationId'] },
    { name: 'byOrganizationAndStatus', fields: ['organizationId', 'status'] },
  ],
};

async function declared(answers: Partial<DriverAnswers> = {}, transactions?: boolean) {
  const fake = recordingMongo(answers);
  const store = new MongoReadStore(fake.db, fake.client, { transactions });
  await store.declare([members]);
  fake.calls.length = 0;
  return { ...fake, store };
}

const m1 = { _id: 'm1', _position: 7n, organizationId: 'o1' };
const batch: ReadBatch = {
  writes: [
    { kind: 'upsert', collection: 'members', document: m1 },
    { kind: 'delete', collection: 'members', id: 'm2', position: 7n },
  ],
  checkpoint: { name: 'members', position: 9n },
};

describe('MongoReadStore (against a recording driver)', () => {
  it('creates each declared index with _id last, once per name', async () => {
    const { db, client, calls } = recordingMongo();
    const store = new MongoReadStore(db, client);
    await store.declare([members, { name: 'audit', indexes: [] }]);
    await store.declare([{ name: 'members', indexes: [{ name: 'byStatus', fields: ['status'] }] }]);

    const created = calls.filter((call) => call.method === 'createIndexes');
    expect(created.map((call) => call.collection)).toEqual(['members', 'members']);
    expect(created[0]?.args[0]).toEqual([
      { name: 'byOrganization', key: { organizationId: 1, _id: 1 } },
      { name: 'byOrganizationAndStatus', key: { organizationId: 1, status: 1, _id: 1 } },
    ]);
    expect((created[1]?.args[0] as { name: string }[]).map((index) => index.name)).toEqual(['byOrganization', 'byOrganizationAndStatus', 'byStatus']);
  });

  it('maps a page query to an index-hinted find sorted by _id, one more than the limit', async () => {
    const rows: StoredDocument[] = ['a', 'b', 'c'].map((id) => ({ _id: id, _position: 1n, organizationId: 'o1' }));
    const { store, calls } = await declared({ find: () => rows });
    const page = await store.find('members', { organizationId: 'o1' }, { limit: 2, after: 'Z' });

    expect(page.items.map((item) => item._id)).toEqual(['a', 'b']);
    expect(page.nextCursor).toBe('b');
    expect(calls).toEqual([
      {
        collection: 'members',
        method: 'find',
        args: [{ organizationId: 'o1', _id: { $gt: 'Z' } }, { useBigInt64: true, sort: { _id: 1 }, limit: 3, hint: 'byOrganization' }],
      },
    ]);
    await expect(store.find('members', { status: 'x' })).rejects.toBeInstanceOf(NoIndexForFilterError);
    await expect(store.get('unknown', 'a')).rejects.toBeInstanceOf(UnknownCollectionError);
    expect(calls).toHaveLength(1);
  });

  it('keeps a tagged entry as one document per position, inserted once, indexed by list and by list and each tag', async () => {
    const { store, calls } = await declared({}, false);
    await store.declare([{ name: 'audit', indexes: [], kind: 'positions', tags: ['type', 'member'] }]);
    expect(calls.filter((call) => call.method === 'createIndexes').map((call) => call.args[0])).toEqual([
      [
        { name: 'byListPosition', key: { list: 1, position: 1 } },
        { name: 'byList_type_Position', key: { list: 1, type: 1, position: 1 } },
        { name: 'byList_member_Position', key: { list: 1, member: 1, position: 1 } },
      ],
    ]);

    await store.commit({ writes: [{ kind: 'position', collection: 'audit', list: 'org', position: 12n, tags: { type: 'GrantIssued', member: undefined } }], checkpoint: { name: 'audit', position: 12n } });
    const bulk = calls.find((call) => call.method === 'bulkWrite');
    expect(bulk?.args[0]).toEqual([
      { updateOne: { filter: { _id: 'org\u000000000000000000000012' }, update: { $setOnInsert: { list: 'org', position: 12n, type: 'GrantIssued' } }, upsert: true } },
    ]);
    expect(Object.keys((bulk?.args[0] as [{ updateOne: { update: { $setOnInsert: object } } }])[0].updateOne.update.$setOnInsert)).toEqual(['list', 'position', 'type']);

    // Undeclared tags and documents collections are refused before the driver is called.
    calls.length = 0;
    const tagged = (tags: Record<string, string>, collection = 'audit') => ({ writes: [{ kind: 'position' as const, collection, list: 'org', position: 13n, tags }], checkpoint: { name: 'audit', position: 13n } });
    await expect(store.commit(tagged({ actor: 'm1' }))).rejects.toThrow(TypeError);
    await expect(store.commit(tagged({}, 'members'))).rejects.toThrow(TypeError);
    await expect(store.positions('audit', 'org', { where: { actor: 'm1' } })).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });

  it('pages a list on the index that answers its filter, one more than the limit', async () => {
    const entries: StoredDocument[] = [3, 5, 8].map((position) => ({ _id: `org\u0000${position}`, position: BigInt(position) }));
    const { store, calls } = await declared({ find: () => entries }, false);
    await store.declare([{ name: 'audit', indexes: [], kind: 'positions', tags: ['type', 'member'] }]);
    calls.length = 0;
    expect(await store.positions('audit', 'org', { after: 1n, limit: 2 })).toEqual({ positions: [3n, 5n], nextCursor: 5n });
    await store.positions('audit', 'org', { where: { member: 'm1', type: undefined } });
    await store.positions('audit', 'org', { where: { member: 'm1', type: 'GrantIssued' }, after: 4n, limit: 5 });
    const projection = { position: 1 };
    expect(calls.map((call) => call.args)).toEqual([
      [{ list: 'org', position: { $gt: 1n } }, { useBigInt64: true, sort: { position: 1 }, limit: 3, projection, hint: 'byListPosition' }],
      [{ list: 'org', member: 'm1' }, { useBigInt64: true, sort: { position: 1 }, limit: 101, projection, hint: 'byList_member_Position' }],
      [{ list: 'org', member: 'm1', type: 'GrantIssued', position: { $gt: 4n } }, { useBigInt64: true, sort: { position: 1 }, limit: 6, projection }],
    ]);
  });

  it('digests its entries as the memory store digests the same entries', async () => {
    const stored: StoredDocument[] = [
      { _id: 'a\u000000000000000000000001', list: 'a', position: 1n, type: 'X', member: 'm1' },
      { _id: 'a\u000000000000000000000004', list: 'a', position: 4n, type: 'Y' },
      { _id: 'b\u000000000000000000000002', list: 'b', position: 2n, type: 'X' },
    ];
    const { store, calls } = await declared({ find: () => stored }, false);
    const definition = { name: 'audit', indexes: [], kind: 'positions' as const, tags: ['type', 'member'] };
    await store.declare([definition]);
    const memory = new MemoryReadStore();
    await memory.declare([members, definition]);
    const writes = stored.map(({ list, position, type, member }) => ({ kind: 'position' as const, collection: 'audit', list: list as string, position: position as bigint, tags: { type: type as string, member: member as string | undefined } }));
    await memory.commit({ writes: [writes[2], writes[0], writes[1]] as typeof writes, checkpoint: { name: 'audit', position: 4n } });

    expect((await store.digest()).audit).toBe((await memory.digest()).audit);
    expect(calls.find((call) => call.collection === 'audit' && call.method === 'find')?.args).toEqual([{}, { useBigInt64: true, sort: { list: 1, position: 1 } }]);
  });

  it('on a standalone server writes a guarded, ordered bulkWrite and then the checkpoint, without a session', async () => {
    const { store, calls, sessions } = await declared({ bulkWrite: { upsertedCount: 1, modifiedCount: 0, deletedCount: 0 } });
    expect(await store.commit(batch)).toEqual({ applied: 1, skipped: 1 });

    expect(calls.map((call) => `${call.collection}.${call.method}`)).toEqual(['(db).command', 'members.bulkWrite', 'checkpoints.updateOne']);
    const [models, options] = calls[1]?.args as [unknown[], unknown];
    expect(options).toEqual({ ordered: true, session: undefined });
    expect(models).toEqual([
      {
        updateOne: {
          filter: { _id: 'm1' },
          update: [
            {
              $replaceWith: {
                $cond: { if: { $lt: ['$_position', 7n] }, then: { $literal: m1 }, else: '$$ROOT' },
              },
            },
          ],
          upsert: true,
        },
      },
      { deleteOne: { filter: { _id: 'm2', _position: { $lt: 7n } } } },
    ]);
    expect(calls[2]?.args).toEqual([{ _id: 'members' }, [{ $set: { position: { $max: ['$position', 9n] } } }], { upsert: true, session: undefined }]);
    expect(sessions.started).toBe(0);
  });

  it('on a replica set commits the writes and the checkpoint in one transaction, and ends the session even on failure', async () => {
    const { store, calls, sessions, session, answer } = await declared({ hello: { setName: 'rs0' } });
    await store.commit(batch);
    expect(sessions).toEqual({ started: 1, ended: 1, transactions: 1 });
    const written = calls.filter((call) => call.method !== 'command');
    expect(written.map((call) => (call.args.at(-1) as { session: unknown }).session)).toEqual([session, session]);

    answer.bulkWriteError = new Error('write conflict');
    await expect(store.commit(batch)).rejects.toThrow('write conflict');
    expect(sessions).toEqual({ started: 2, ended: 2, transactions: 2 });
    expect(calls.filter((call) => call.method === 'command')).toHaveLength(1);
  });

  it('refuses a malformed batch before calling the driver', async () => {
    const { store, calls } = await declared({}, false);
    const malformed: ReadBatch = { ...batch, writes: [...batch.writes, { kind: 'delete', collection: 'members', id: '', position: 1n }] };
    await expect(store.commit(malformed)).rejects.toThrow(TypeError);
    await expect(store.commit({ ...batch, writes: [{ kind: 'delete', collection: 'nope', id: 'a', position: 1n }] })).rejects.toBeInstanceOf(UnknownCollectionError);
    expect(calls).toEqual([]);
  });

  it('reads a checkpoint back as a bigint, 0 when there is none', async () => {
    const { store } = await declared({ findOne: (collection, filter) => (collection === 'checkpoints' && filter._id === 'members' ? { _id: 'members', position: 42n } : null) });
    expect(await store.checkpoint('members')).toBe(42n);
    expect(await store.checkpoint('other')).toBe(0n);
  });

  it('sets the shape version in the checkpoint update, as a literal, only when the batch gives one', async () => {
    const { store, calls } = await declared({}, false);
    await store.commit({ writes: [], checkpoint: { name: 'members', position: 9n, version: 2 } });
    await store.commit({ writes: [], checkpoint: { name: 'members', position: 10n } });
    expect(calls.filter((call) => call.method === 'updateOne').map((call) => call.args.slice(0, 2))).toEqual([
      [{ _id: 'members' }, [{ $set: { position: { $max: ['$position', 9n] }, version: { $literal: 2 } } }]],
      [{ _id: 'members' }, [{ $set: { position: { $max: ['$position', 10n] } } }]],
    ]);
  });

  it('reads a checkpoint back with its version: null for a checkpoint stored before versions, no checkpoint at all for none', async () => {
    const stored: Record<string, StoredDocument> = {
      current: { _id: 'current', position: 42n, version: 3 },
      long: { _id: 'long', position: 42n, version: 3n },
      legacy: { _id: 'legacy', position: 7 },
    };
    const { store } = await declared({ findOne: (collection, filter) => (collection === 'checkpoints' ? (stored[filter._id as string] ?? null) : null) });
    expect(await store.storedCheckpoint('current')).toEqual({ position: 42n, version: 3 });
    expect(await store.storedCheckpoint('long')).toEqual({ position: 42n, version: 3 });
    expect(await store.storedCheckpoint('legacy')).toEqual({ position: 7n, version: null });
    expect(await store.storedCheckpoint('none')).toBeNull();
    expect(await store.checkpoint('legacy')).toBe(7n);
  });

  it('resets a read model by dropping its collection, declaring its indexes again, then deleting its checkpoint', async () => {
    const { store, calls } = await declared({}, false);
    await store.declare([{ name: 'audit', indexes: [], kind: 'positions', tags: ['type'] }]);
    calls.length = 0;
    await store.reset('members');
    await store.reset('audit');
    expect(calls.map((call) => `${call.collection}.${call.method}`)).toEqual([
      'members.drop', 'members.createIndexes', 'checkpoints.deleteOne',
      'audit.drop', 'audit.createIndexes', 'checkpoints.deleteOne',
    ]);
    expect(calls[1]?.args[0]).toEqual([
      { name: 'byOrganization', key: { organizationId: 1, _id: 1 } },
      { name: 'byOrganizationAndStatus', key: { organizationId: 1, status: 1, _id: 1 } },
    ]);
    expect(calls[2]?.args).toEqual([{ _id: 'members' }]);
    expect(calls[4]?.args[0]).toEqual([
      { name: 'byListPosition', key: { list: 1, position: 1 } },
      { name: 'byList_type_Position', key: { list: 1, type: 1, position: 1 } },
    ]);
    calls.length = 0;
    await expect(store.reset('unknown')).rejects.toBeInstanceOf(UnknownCollectionError);
    expect(calls).toEqual([]);
  });

  it('digests what it streams in _id order exactly as the memory store digests the same documents', async () => {
    const rows: StoredDocument[] = [
      { _id: 'a', _position: 3n, organizationId: 'o1', tags: ['x'], at: new Date('2025-01-01T00:00:00Z') },
      { _id: 'b', _position: 5n, organizationId: null, count: 2 },
    ];
    const { store, calls } = await declared({ find: () => rows });
    const memory = new MemoryReadStore();
    await memory.declare([members]);
    await memory.commit({ writes: rows.map((document) => ({ kind: 'upsert', collection: 'members', document: { ...document } as never })), checkpoint: { name: 'x', position: 5n } });

    expect(await store.digest()).toEqual(await memory.digest());
    expect(calls.at(-1)?.args).toEqual([{}, { useBigInt64: true, sort: { _id: 1 } }]);
  });
});
