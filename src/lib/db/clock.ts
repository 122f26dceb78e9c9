import { v7 as uuidv7 } from 'uuid';

/** Time and ids are injected so tests never depend on the machine's clock. */
export interface Clock {
	now(): number;
	newId(): string;
}

export const systemClock: Clock = { now: () => Date.now(), newId: () => uuidv7() };
