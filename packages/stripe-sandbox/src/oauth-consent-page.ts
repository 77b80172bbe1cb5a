import type { StripeAccount } from './stripe-account';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** What the consent form carries back to `POST /oauth/authorize`. */
export interface ConsentRequest {
  clientId: string;
  scope: string;
  redirectUri: string;
  state: string | undefined;
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; background: #f6f9fc; color: #1a1f36; margin: 0; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 1.25rem; margin-top: 0; }
  fieldset { border: 0; padding: 0; margin: 1rem 0; }
  label { display: block; padding: .25rem 0; }
  .actions { display: flex; gap: .5rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #c1c9d2; background: #fff; }
  button[value=allow] { background: #635bff; color: #fff; border-color: #635bff; }
  .note { font-size: .875rem; color: #697386; }`;

/**
 * The small consent page of the sandbox's Connect OAuth: pick an account to
 * connect (or a new one), then Connect or Deny. It posts back to
 * `/oauth/authorize`, which redirects to `redirect_uri` with `code` or
 * `error=access_denied`.
 */
export function consentPage(
  platform: StripeAccount,
  accounts: readonly StripeAccount[],
  request: ConsentRequest,
): string {
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const options = accounts
    .filter((a) => a.id !== platform.id)
    .map(
      (a, i) =>
        `<label><input type="radio" name="account" value="${escapeHtml(a.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(a.name)} <span class="note">${escapeHtml(a.id)}</span></label>`,
    )
    .join('\n');
  const access = request.scope === 'read_only' ? 'read' : 'read and write';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect ${escapeHtml(platform.name)} to Stripe (sandbox)</title><style>${STYLE}</style></head>
<body><main>
<h1>Connect ${escapeHtml(platform.name)} to your Stripe account</h1>
<p>${escapeHtml(platform.name)} asks to ${access} your Stripe data. This is the Referkit Stripe sandbox: no real account is involved.</p>
<form method="post" action="/oauth/authorize">
${hidden('client_id', request.clientId)}${hidden('scope', request.scope)}${hidden('redirect_uri', request.redirectUri)}${hidden('state', request.state)}
<fieldset><legend>Account to connect</legend>
${options}
<label><input type="radio" name="account" value="new"${options ? '' : ' checked'}> Create a new account</label>
</fieldset>
<div class="actions"><button type="submit" name="decision" value="allow">Connect</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form>
</main></body></html>`;
}

/** A plain error page for OAuth requests that cannot redirect. */
export function oauthErrorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OAuth error</title><style>${STYLE}</style></head><body><main><h1>Something is wrong with this request</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
