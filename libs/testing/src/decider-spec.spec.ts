import { spec } from './decider-spec.js';

type Event = { type: 'Added'; data: { n: number } };
class RuleError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}
/** A counter that refuses to go above 3. */
const counter = {
  initialState: () => 0,
  evolve: (state: number, event: Event) => state + event.data.n,
  decide: (command: { add: number }, state: number, context: { max: number }): Event[] => {
    if (state + command.add > context.max) throw new RuleError('TOO_MANY');
    return command.add === 0 ? [] : [{ type: 'Added', data: { n: command.add } }];
  },
};
const added = (n: number): Event => ({ type: 'Added', data: { n } });

describe('spec(decider) given/when/then', () => {
  it('folds the given events and asserts the decided ones', () => {
    spec(counter).given([added(1), added(1)]).when({ add: 1 }, { max: 3 }).then([added(1)]);
    spec(counter).given([]).when({ add: 2 }, { max: 3 }).thenMatch([{ type: 'Added' }]);
    spec(counter).given([]).when({ add: 0 }, { max: 3 }).thenNothing();
    spec(counter).given([added(3)]).when({ add: 1 }, { max: 3 }).thenFails('TOO_MANY');
  });

  it('fails when the events differ, when a refusal was expected but events came, and on another code', () => {
    expect(() => spec(counter).given([]).when({ add: 1 }, { max: 3 }).then([added(2)])).toThrow();
    expect(() => spec(counter).given([]).when({ add: 1 }, { max: 3 }).thenFails('TOO_MANY')).toThrow(/expected TOO_MANY/);
    expect(() => spec(counter).given([added(3)]).when({ add: 1 }, { max: 3 }).thenFails('OTHER')).toThrow();
    expect(() => spec(counter).given([added(3)]).when({ add: 1 }, { max: 3 }).then([])).toThrow(RuleError);
  });
});
