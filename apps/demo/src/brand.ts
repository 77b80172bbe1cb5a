/** The sample brand the demo dashboard is dressed as. */
export const BRAND_NAME = 'Acme Referrals';
