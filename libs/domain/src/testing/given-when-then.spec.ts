import { deciderSpec, evolverSpec } from './given-when-then';

// A counter decider, just enough to prove the helper passes and fails when it should.
type Counted = { type: 'Incremented'; by: number };
type Increment = { type: 'Increment'; by: number };
class NegativeIncrement extends Error {}
const counter = {
  initialState: () => ({ total: 0 }),
  evolve: (state: { total: number }, event: Counted) => ({ total: state.total + event.by }),
  decide: (command: Increment, state: { total: number }): Counted[] => {
    if (command.by < 0) throw new NegativeIncrement(`cannot add ${command.by} to ${state.total}`);
    return command.by === 0 ? [] : [{ type: 'Incremented', by: command.by }];
  },
};
const spec = deciderSpec(counter);
const inc = (by: number): Increment => ({ type: 'Increment', by });
const incremented = (by: number): Counted => ({ type: 'Incremented', by });

describe('given/when/then helper', () => {
  it('passes when the command produces the expected events', () => {
    spec
      .given([incremented(2)])
      .when(inc(3))
      .then([incremented(3)]);
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec
        .given([])
        .when(inc(3))
        .then([incremented(4)]),
    ).toThrow();
  });

  it('checks the error class and message of a rejected command', () => {
    spec
      .given([incremented(5)])
      .when(inc(-1))
      .thenThrows(NegativeIncrement, 'to 5');
    expect(() => spec.given([]).when(inc(-1)).thenThrows(TypeError)).toThrow();
    expect(() => spec.given([]).when(inc(1)).thenThrows(NegativeIncrement)).toThrow(
      /expected the command to be rejected/,
    );
  });

  it('accepts a pattern or a predicate for the error', () => {
    spec
      .given([])
      .when(inc(-2))
      .thenThrows(/cannot add -2/);
    spec
      .given([])
      .when(inc(-2))
      .thenThrows((error) => error instanceof NegativeIncrement);
    expect(() =>
      spec
        .given([])
        .when(inc(-2))
        .thenThrows(() => false),
    ).toThrow(/predicate/);
  });

  it('recognises a command that changes nothing', () => {
    spec
      .given([incremented(1)])
      .when(inc(0))
      .thenNothingHappens();
    expect(() => spec.given([]).when(inc(1)).thenNothingHappens()).toThrow();
  });

  it('hands the produced events and the state after them to a custom assertion', () => {
    spec
      .given([incremented(2)])
      .when(inc(3))
      .thenResult((events, state) => {
        expect(events).toEqual([incremented(3)]);
        expect(state).toEqual({ total: 5 });
      });
  });

  it('folds events for evolve-only streams', () => {
    evolverSpec(counter)
      .given([incremented(1), incremented(2)])
      .thenStateEquals({ total: 3 });
    evolverSpec(counter)
      .given([])
      .thenState((state) => expect(state.total).toBe(0));
    expect(() =>
      evolverSpec(counter)
        .given([incremented(1)])
        .thenStateEquals({ total: 2 }),
    ).toThrow();
  });
});
