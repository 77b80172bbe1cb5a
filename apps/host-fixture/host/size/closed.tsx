// A page that renders the modal closed: what every page with the button pays.
// The sync manager is imported lazily, as a host's syncs page would: its chunk
// (and what it loads first) is measured apart, never in the first load.
import { ReferkitProvider } from '@referkit/react';
import { AddReferrersModal } from '@referkit/ui';
import '@referkit/ui/styles.css';
import { lazy } from 'react';
import { createRoot } from 'react-dom/client';

const SyncManager = lazy(() =>
  import('@referkit/ui/sync-manager').then((module) => ({ default: module.SyncManager })),
);
// Referenced so that the bundler keeps the chunk; never rendered here.
(window as { syncManager?: unknown }).syncManager = SyncManager;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ReferkitProvider apiBaseUrl="/api/referkit" brandName="Host Co">
      <AddReferrersModal open={false} onOpenChange={() => {}} campaignId="cmp_1" />
    </ReferkitProvider>,
  );
}
