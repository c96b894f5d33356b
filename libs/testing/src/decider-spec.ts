import { expect } from '@jest/globals';

/** The shape of a domain decider: `decide` throws on a broken rule, `evolve` folds, `initialState` starts. */
export interface Decider<Command, State, Event, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export interface Outcome<Event> {
  /** Asserts exactly these events (deep equality, order matters). */
  then(expected: Event[]): Event[];
  /** Asserts events matching these partial shapes, one for one (`toMatchObject`). */
  thenMatch(expected: Array<Record<string, unknown>>): Event[];
  /** Asserts that the command decides nothing. */
  thenNothing(): void;
  /** Asserts that the command is refused with this DomainError code. */
  thenFails(code: string): Error;
}

/**
 * Given-when-then for deciders:
 * `spec(decider).given([events]).when(command, context).then([events])` or `.thenFails('CODE')`.
 */
export function spec<Command, State, Event, Context>(decider: Decider<Command, State, Event, Context>) {
  return {
    given(events: Event[]) {
      const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
      return {
        state,
        when(command: Command, context: Context): Outcome<Event> {
          const run = (): { events?: Event[]; error?: unknown } => {
            try {
              return { events: decider.decide(command, state, context) };
            } catch (error) {
              return { error };
            }
          };
          const produced = (): Event[] => {
            const { events, error } = run();
            if (error) throw error;
            return events!;
          };
          return {
            then(expected) {
              const events = produced();
              expect(events).toEqual(expected);
              return events;
            },
            thenMatch(expected) {
              const events = produced();
              expect(events).toHaveLength(expected.length);
              expect(events).toMatchObject(expected);
              return events;
            },
            thenNothing() {
              expect(produced()).toEqual([]);
            },
            thenFails(code) {
              const { events, error } = run();
              if (!error) throw new Error(`expected ${code}, but the command decided ${JSON.stringify(events)}`);
              expect(error).toMatchObject({ code });
              return error as Error;
            },
          };
        },
      };
    },
  };
}
