import 'vitest';

/** What the global setup hands the end-to-end tests about the demo it started. */
export interface DemoInfo {
  /** The demo's one URL. */
  url: string;
  stripe: {
    /** The sandbox's API base. */
    apiBase: string;
    /** The sandbox account's test key. */
    testKey: string;
  };
  /** Where screenshots and the demo's log go. */
  artifactsDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    demo: DemoInfo;
  }
}
