// What the README snippets for the server take from the host around them.
declare function getSession(request: Request): Promise<{ accountId: string } | null>;
/** The host's web framework app (Hono, Express…). */
// biome-ignore lint/suspicious/noExplicitAny: any framework's app object
declare const app: any;
declare const referkit: import('@referkit/server').ReferkitServer;
declare const key: string;
declare const Stripe: typeof import('stripe').default;
