/** Bad usage or bad input (unreadable graph or config): `./edp check` exits 2 with this message. */
export class UsageError extends Error {}
