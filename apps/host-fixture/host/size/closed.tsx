// A page that renders the modal closed: what every page with the button pays.
import { ReferkitProvider } from '@referkit/react';
import { AddReferrersModal } from '@referkit/ui';
import '@referkit/ui/styles.css';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ReferkitProvider apiBaseUrl="/api/referkit" brandName="Host Co">
      <AddReferrersModal open={false} onOpenChange={() => {}} campaignId="cmp_1" />
    </ReferkitProvider>,
  );
}
