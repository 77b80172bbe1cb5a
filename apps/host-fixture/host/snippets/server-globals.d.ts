// What the README snippets for the server take from the host around them.
declare function getSession(request: Request): Promise<{ accountId: string } | null>;
type HostRequest = import('node:http').IncomingMessage & { method: string; originalUrl: string };
type HostResponse = import('node:http').ServerResponse & {
  status(code: number): HostResponse;
  set(headers: Record<string, string>): HostResponse;
};
/** The host's Express app. */
declare const app: {
  use(path: string, handler: (req: HostRequest, res: HostResponse) => Promise<void>): void;
};
declare const referkit: import('@referkit/server').ReferkitServer;
declare const key: string;
declare const Stripe: typeof import('stripe').default;
