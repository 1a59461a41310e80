import type en from './messages/en.json';

/** The shape of every catalog: the English one is the reference the others must match key for key. */
export type Messages = typeof en;
