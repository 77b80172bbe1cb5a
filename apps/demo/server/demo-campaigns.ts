/**
 * The sample brand's campaigns, created at start when missing, each with a
 * short link base so referral links read like a real platform's
 * (`https://acme-referrals.example/spring/Ab3dE9xYz2`).
 */
export const DEMO_CAMPAIGNS = [
  { name: 'Spring Referral Program', linkBaseUrl: 'https://acme-referrals.example/spring' },
  { name: 'VIP Customers', linkBaseUrl: 'https://acme-referrals.example/vip' },
] as const;

/** The demo's only tenant: everyone who opens the dashboard is Acme's account. */
export const DEMO_ACCOUNT_ID = 'acme';

/** Where the handler is mounted. */
export const API_BASE_PATH = '/api/referkit';

/**
 * Creates the demo's campaigns that do not exist yet, through the Referkit
 * API itself (so the demo uses the same contract as the dashboard). Safe to
 * run on every start.
 */
export async function seedCampaigns(
  handle: (request: Request) => Promise<Response>,
  origin: string,
): Promise<void> {
  const url = `${origin}${API_BASE_PATH}/campaigns`;
  const listed = await handle(new Request(url));
  if (!listed.ok) {
    throw new Error(`Listing campaigns failed: ${listed.status} ${await listed.text()}`);
  }
  const { campaigns } = (await listed.json()) as { campaigns: Array<{ name: string }> };
  const existing = new Set(campaigns.map((campaign) => campaign.name));
  for (const { name, linkBaseUrl } of DEMO_CAMPAIGNS) {
    if (existing.has(name)) continue;
    const created = await handle(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, linkBaseUrl }),
      }),
    );
    if (!created.ok) {
      throw new Error(
        `Creating campaign "${name}" failed: ${created.status} ${await created.text()}`,
      );
    }
  }
}
