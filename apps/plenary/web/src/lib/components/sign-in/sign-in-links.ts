// Addresses that start a sign-in at the identity provider: plain, or as a step-up before an act that needs
// e-legitimation (issue 17). The server checks returnTo again (paths of this site only).
export function providerSignInHref(
  method: 'oidc' | 'saml',
  returnTo: string,
  stepUp = false,
): string {
  const q = new URLSearchParams({ returnTo });
  if (stepUp) q.set('stepUp', '1');
  return `/api/auth/${method}/start?${q.toString()}`;
}

/** A step-up: the server sends the browser to whichever provider the deployment has, asking for e-legitimation. */
export function stepUpHref(returnTo: string): string {
  return `/api/auth/step-up?${new URLSearchParams({ returnTo }).toString()}`;
}

/** Where the browser is now, as a returnTo. */
export function here(): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/**
 * Where to go after signing in: a path of this site with its query (/desk?sitting=…, so the desk opens the sitting it
 * was asked for), never another site (`//evil`, `https://…`, `javascript:`): anything else goes to `fallback`.
 */
export function sitePath(next: string | null | undefined, fallback = '/member'): string {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}
