// What the README snippets for the browser take from the host around them.
declare const campaignId: string;
declare function navigate(to: string | number): void;
declare const analytics: { track(name: string, properties?: object): void };
declare function getToken(): Promise<string>;
declare const referrer: import('@referkit/core').Referrer;
