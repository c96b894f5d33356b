import { evolveMember, initialMember, memberStream, type MemberEvent, type MemberState } from '@behorighet/domain';
import { StreamNotFoundError, type EventStore } from '@behorighet/event-store';

type Upcaster = (type: string, data: unknown) => unknown;

/**
 * The member streams' states with every event before `position`: what the members held at that point of the log.
 * Read whole for the rare events that need them (an agreement change names the contact persons, R-ORD-5).
 */
export async function memberStatesBefore(
  events: EventStore,
  upcast: Upcaster,
  memberIds: readonly string[],
  position: bigint,
): Promise<Record<string, MemberState>> {
  const states: Record<string, MemberState> = {};
  for (const memberId of memberIds) {
    let state = initialMember();
    try {
      for await (const event of events.readStream(memberStream(memberId))) {
        if (event.position >= position) break;
        state = evolveMember(state, { type: event.type, data: upcast(event.type, event.data) } as MemberEvent);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    states[memberId] = state;
  }
  return states;
}
