import { ReferkitProvider } from '@referkit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@referkit/ui/styles.css';
import './app.css';
import { App } from './app';
import { BRAND_NAME } from './brand';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ReferkitProvider apiBaseUrl="/api/referkit" queryClient={queryClient} brandName={BRAND_NAME}>
        <App />
      </ReferkitProvider>
    </QueryClientProvider>
  </StrictMode>,
);
