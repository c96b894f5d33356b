/** The one place the application reads the time. Rules and jobs get `now` from here; the domain never reads a clock. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that tests move by hand (`PUT /v1/test/clock`); it stands still between moves. */
export class SettableClock extends Clock {
  private current: Date;

  constructor(start: Date = new Date()) {
    super();
    this.current = start;
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date): void {
    this.current = new Date(instant.getTime());
  }
}
