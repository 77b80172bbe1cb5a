import type { Campaign } from '@referkit/core';
import { useId } from 'react';

/** Props of {@link CampaignSwitcher}. */
export interface CampaignSwitcherProps {
  campaigns: Campaign[];
  value: string;
  onChange: (campaignId: string) => void;
}

/** Picks the campaign the dashboard shows. */
export function CampaignSwitcher({ campaigns, value, onChange }: CampaignSwitcherProps) {
  const id = useId();
  return (
    <div className="demo-switcher">
      <label htmlFor={id}>Campaign</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </select>
    </div>
  );
}
