/* Ports every service's use cases need. Adapters: service-kit (systemClock, randomIds), test
   fixtures: service-kit/test-fixtures (fakeClock, sequentialIds). */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}
