import { ReferkitProvider, useReferrers } from '@referkit/react';
import { AddReferrersModal, type AddReferrersModalProps, type ReferkitTheme } from '@referkit/ui';
import '@referkit/ui/styles.css';
import { lazy, Suspense, useState } from 'react';

// A lazy part, as its README says: its own chunk, loaded when the page renders it.
const SyncManager = lazy(() =>
  import('@referkit/ui/sync-manager').then((module) => ({ default: module.SyncManager })),
);

/** A host's own wrapper passing optional props through (`undefined` included). */
function ReferrersModal(props: {
  campaignId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  theme?: ReferkitTheme | undefined;
  className?: string | undefined;
  onEvent?: AddReferrersModalProps['onEvent'];
}) {
  return (
    <AddReferrersModal
      open={props.open}
      onOpenChange={props.onOpenChange}
      campaignId={props.campaignId}
      defaultOption="sync"
      theme={props.theme}
      className={props.className}
      onEvent={props.onEvent}
    />
  );
}

function ReferrerList({ campaignId }: { campaignId: string }) {
  const referrers = useReferrers(campaignId);
  if (referrers.isPending) return <p>Loading referrers…</p>;
  if (referrers.error) return <p role="alert">{referrers.error.message}</p>;
  return (
    <ul aria-label="Referrers">
      {referrers.data.pages
        .flatMap((page) => page.referrers)
        .map((referrer) => (
          <li key={referrer.id}>
            {referrer.firstName} {referrer.email}
          </li>
        ))}
    </ul>
  );
}

/** The host page: a button that opens the modal, and the campaign's referrers. */
export function HostApp({ campaignId }: { campaignId: string }) {
  const [open, setOpen] = useState(false);
  const messages: Record<string, string> | undefined = undefined;
  return (
    <ReferkitProvider apiBaseUrl="/api/referkit" brandName="Host Co" messages={messages}>
      <h1>Host</h1>
      <button type="button" onClick={() => setOpen(true)}>
        Add referrers
      </button>
      <ReferrersModal
        campaignId={campaignId}
        open={open}
        onOpenChange={setOpen}
        theme={undefined}
        className={undefined}
        onEvent={undefined}
      />
      <ReferrerList campaignId={campaignId} />
      <Suspense fallback={<p>Loading syncs…</p>}>
        <SyncManager
          campaignId={campaignId}
          headingLevel={2}
          theme={undefined}
          className={undefined}
        />
      </Suspense>
    </ReferkitProvider>
  );
}
