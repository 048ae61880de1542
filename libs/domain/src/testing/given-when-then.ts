import { expect } from '@jest/globals';

/**
 * Given/when/then for Emmett-style deciders (STYLE.md): given these events, when this command, then
 * these events (or this error). Test-only: imports Jest's `expect`, never exported from the domain index.
 *
 *   const spec = deciderSpec(caseDecider);
 *   spec.given([caseOpened]).when(recordVerification).then([verificationRecorded]);
 *   spec.given([]).when(recordVerification).thenThrows(CaseNotOpen, /not open/);
 *
 * For event-only streams (no commands), `evolverSpec` folds events and hands the state to an assertion:
 *
 *   evolverSpec(household).given(events).thenState((s) => expect(s.members).toHaveLength(3));
 */

export interface Evolver<State, Event> {
  initialState(): State;
  evolve(state: State, event: Event): State;
}

export interface Decider<State, Command, Event> extends Evolver<State, Event> {
  decide(command: Command, state: State): Event | readonly Event[];
}

/** An error class, a message (substring) or pattern, or a predicate the thrown error must satisfy. */
export type ExpectedError =
  (abstract new (...args: never[]) => Error) | string | RegExp | ((error: unknown) => boolean);

export const fold = <State, Event>(evolver: Evolver<State, Event>, events: readonly Event[]): State =>
  events.reduce((state, event) => evolver.evolve(state, event), evolver.initialState());

const asArray = <Event>(result: Event | readonly Event[]): readonly Event[] =>
  Array.isArray(result) ? (result as readonly Event[]) : [result as Event];

const checkError = (error: unknown, expected: ExpectedError, message?: string | RegExp): void => {
  if (typeof expected === 'string' || expected instanceof RegExp) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(expected);
  } else if (expected.prototype instanceof Error || expected === Error) {
    expect(error).toBeInstanceOf(expected);
  } else {
    const predicate = expected as (error: unknown) => boolean;
    if (!predicate(error)) throw new Error(`thrown error did not satisfy the predicate: ${String(error)}`);
  }
  if (message !== undefined) expect((error as Error).message).toMatch(message);
};

export interface Then<State, Event> {
  /** The command produces exactly these events, in this order. */
  then(expected: readonly Event[]): void;
  /** The command produces no event (an idempotent repeat, for instance). */
  thenNothingHappens(): void;
  /** The command is rejected; optionally check the message too. */
  thenThrows(expected: ExpectedError, message?: string | RegExp): void;
  /** The produced events, and the state after them, for assertions the shortcuts do not cover. */
  thenResult(assert: (events: readonly Event[], stateAfter: State) => void): void;
}

export const deciderSpec = <State, Command, Event>(decider: Decider<State, Command, Event>) => ({
  given: (events: readonly Event[]) => {
    const run = (command: Command) => asArray(decider.decide(command, fold(decider, events)));
    return {
      when: (command: Command): Then<State, Event> => ({
        then: (expected) => expect(run(command)).toEqual(expected),
        thenNothingHappens: () => expect(run(command)).toEqual([]),
        thenThrows: (expected, message) => {
          let thrown: unknown;
          let produced: readonly Event[] | undefined;
          try {
            produced = run(command);
          } catch (error) {
            thrown = error;
          }
          if (produced !== undefined) {
            throw new Error(`expected the command to be rejected, it produced ${JSON.stringify(produced)}`);
          }
          checkError(thrown, expected, message);
        },
        thenResult: (assert) => {
          const produced = run(command);
          assert(produced, fold(decider, [...events, ...produced]));
        },
      }),
      /** The state the given events fold into. */
      thenState: (assert: (state: State) => void) => assert(fold(decider, events)),
    };
  },
});

export const evolverSpec = <State, Event>(evolver: Evolver<State, Event>) => ({
  given: (events: readonly Event[]) => ({
    thenState: (assert: (state: State) => void) => assert(fold(evolver, events)),
    /** The state equals this one exactly. */
    thenStateEquals: (expected: State) => expect(fold(evolver, events)).toEqual(expected),
  }),
});
