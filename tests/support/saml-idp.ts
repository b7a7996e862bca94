// A SAML 2.0 identity provider for tests, on a free port: it takes the AuthnRequest by HTTP-Redirect, and answers the
// way a real IdP does — a Response whose Assertion is signed (xml-crypto, RSA-SHA256, exclusive c14n) with its own
// key — as the auto-posting form a browser would submit to the service's ACS. Who signs in, at which level, and what
// goes wrong (unsigned, tampered, another key, expired, wrong audience, unsolicited) are set by the test.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

export interface SamlNext {
  nameID: string;
  acr: string;
  /** How the answer is spoiled, if it is. */
  fault?: 'unsigned' | 'tampered' | 'other-key' | 'expired' | 'audience' | 'unsolicited';
}

export interface SamlIdpRequest {
  id: string;
  acs: string;
  forceAuthn: boolean;
  authnContext: string[];
}

export interface SamlIdp {
  entityId: string;
  ssoUrl: string;
  /** The provider's signing key as a PEM public key (what the service is configured to trust). */
  cert: string;
  next: SamlNext;
  lastRequest: SamlIdpRequest | null;
  stop(): Promise<void>;
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1] ?? '';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export async function startSamlIdp(options: { audience: string }): Promise<SamlIdp> {
  const own = keyPair();
  const stranger = keyPair();
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: SamlIdp = {
    entityId: `${origin}/idp`,
    ssoUrl: `${origin}/sso`,
    cert: own.publicKey,
    next: { nameID: 'saml-ledamot07', acr: 'urn:se:loa3' },
    lastRequest: null,
    stop: () => new Promise((r) => server.close(() => r())),
  };

  function response(request: SamlIdpRequest): string {
    const { nameID, acr, fault } = idp.next;
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const until = fault === 'expired' ? at(-60_000) : at(300_000);
    const inResponseTo = fault === 'unsolicited' ? '_not-a-request-of-yours' : request.id;
    const audience = fault === 'audience' ? 'https://someone-else.example/sp' : options.audience;
    const id = () => `_${randomBytes(16).toString('hex')}`;
    const assertion =
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${at(fault === 'expired' ? -600_000 : 0)}">` +
      `<saml:Issuer>${esc(idp.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${esc(nameID)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${esc(request.acs)}" InResponseTo="${esc(inResponseTo)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${at(-60_000 - (fault === 'expired' ? 600_000 : 0))}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${id()}"><saml:AuthnContext><saml:AuthnContextClassRef>${esc(acr)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `</saml:Assertion>`;
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${at(0)}" Destination="${esc(request.acs)}" InResponseTo="${esc(inResponseTo)}">` +
      `<saml:Issuer>${esc(idp.entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      assertion +
      `</samlp:Response>`;
    if (fault === 'unsigned') return xml;
    const signer = new SignedXml({
      privateKey: fault === 'other-key' ? stranger.privateKey : own.privateKey,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signer.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    signer.computeSignature(xml, {
      location: {
        reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
        action: 'after',
      },
    });
    const signed = signer.getSignedXml();
    // Tampered: the signed assertion names someone else afterwards.
    return fault === 'tampered'
      ? signed.replace(`>${esc(nameID)}</saml:NameID>`, '>saml-ordforande</saml:NameID>')
      : signed;
  }

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/sso') {
      res.statusCode = 404;
      return void res.end();
    }
    try {
      const xml = inflateRawSync(
        Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64'),
      ).toString('utf8');
      const request: SamlIdpRequest = {
        id: attr(xml, 'ID'),
        acs: attr(xml, 'AssertionConsumerServiceURL'),
        forceAuthn: attr(xml, 'ForceAuthn') === 'true',
        authnContext: [...xml.matchAll(/AuthnContextClassRef[^>]*>([^<]+)</g)].map(
          (m) => m[1] ?? '',
        ),
      };
      idp.lastRequest = request;
      const body = Buffer.from(response(request)).toString('base64');
      const relay = url.searchParams.get('RelayState') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${esc(request.acs)}">` +
          `<input type="hidden" name="SAMLResponse" value="${body}"><input type="hidden" name="RelayState" value="${esc(relay)}">` +
          `<noscript><button>Fortsätt</button></noscript></form></body></html>`,
      );
    } catch (error) {
      res.statusCode = 400;
      res.end(String(error));
    }
  });
  return idp;
}

/** What a browser does with the IdP's auto-posting form: the fields it would post to the ACS. */
export function formFields(html: string): {
  action: string;
  SAMLResponse: string;
  RelayState: string;
} {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
  return {
    action: (/action="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&'),
    SAMLResponse: field('SAMLResponse'),
    RelayState: field('RelayState'),
  };
}
