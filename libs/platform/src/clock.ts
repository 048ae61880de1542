/**
 * The injected source of time for services (domain code takes time as an argument). Production uses
 * the system clock; tests and the demo use an adjustable one to move deadlines past.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** System time shifted by an offset that can be advanced (the demo's "a week later"). */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock only moves forwards');
    this.offsetMs += ms;
  }
}

/** A clock that stands still until told to move: for deterministic tests. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock only moves forwards');
    this.current += ms;
  }
}
