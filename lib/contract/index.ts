export * from './errors.ts';
export * from './health.ts';
export * from './identifier.ts';
export * from './lookup.ts';
export * from './normalize.ts';
export * from './profile.ts';
