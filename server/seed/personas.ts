// The demo tenant, agent and token. The personas of the five stories, with their histories, are import rows
// in story-profiles.ts; the same values appear on the demo pages and in the tests: change them everywhere or
// nowhere.

export const DEMO_TENANT = { id: 'demo', name: 'Demo Co' } as const;
export const DEMO_AGENT = { id: 'agt_demo', name: 'Demo Agent', role: 'admin' } as const;
export const DEMO_TOKEN_DEFAULT = 'known-demo-token';
