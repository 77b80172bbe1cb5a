import { useQuery } from '@tanstack/react-query';

/** What the demo server tells the page about how it was started (`GET /demo/config.json`). */
export interface DemoConfig {
  stripe: {
    /** `sandbox`: the local Stripe sandbox the demo started; `stripe`: real Stripe in test mode. */
    backend: 'sandbox' | 'stripe';
    /** The sandbox's test key, to paste into the connect dialog; `null` with real Stripe. */
    testKey: string | null;
  };
}

/** The demo server's configuration for the page. */
export function useDemoConfig() {
  return useQuery({
    queryKey: ['demo', 'config'],
    queryFn: async (): Promise<DemoConfig> => {
      const response = await fetch('/demo/config.json');
      if (!response.ok) throw new Error(`The demo server answered ${response.status}.`);
      return (await response.json()) as DemoConfig;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
