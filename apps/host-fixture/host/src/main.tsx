import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HostApp } from './host-app';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
const campaignId = new URLSearchParams(window.location.search).get('campaign') ?? '';
createRoot(root).render(
  <StrictMode>
    <HostApp campaignId={campaignId} />
  </StrictMode>,
);
