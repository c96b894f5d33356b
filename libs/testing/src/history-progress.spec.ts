import { jest } from '@jest/globals';
import { ProgressWatch } from './history-progress.js';

describe('ProgressWatch', () => {
  const describeStuck = () => 'org-1 headless';

  it('asks for a repair only after `patience` fruitless steps in a row; a step that wrote starts the count again', () => {
    const watch = new ProgressWatch(3);
    const repair = jest.fn(() => true);
    for (const wrote of [false, false, true, false, false]) watch.step(wrote, repair, describeStuck);
    expect(repair).not.toHaveBeenCalled();
    watch.step(false, repair, describeStuck);
    expect(repair).toHaveBeenCalledTimes(1);
  });

  it('after a repair that wrote, waits another `patience` steps before the next', () => {
    const watch = new ProgressWatch(2);
    const repair = jest.fn(() => true);
    for (let step = 0; step < 5; step++) watch.step(false, repair, describeStuck);
    expect(repair).toHaveBeenCalledTimes(2);
  });

  it('throws, saying what is stuck, when the repair writes nothing either', () => {
    const watch = new ProgressWatch(2);
    watch.step(false, () => false, describeStuck);
    expect(() => watch.step(false, () => false, describeStuck)).toThrow(/nothing can progress — 2 steps in a row wrote nothing.*\(org-1 headless\)/);
  });
});
