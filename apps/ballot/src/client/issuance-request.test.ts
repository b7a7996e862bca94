import { describe, expect, it } from 'vitest';
import {
  generateMemberKey,
  issuanceRequestBytes,
  signIssuanceRequest,
  verifyIssuanceRequest,
  type IssuanceRequest,
} from './issuance-request.ts';

const key = generateMemberKey();
const request: IssuanceRequest = {
  electionId: 'ab'.repeat(32),
  memberId: 'member-0001',
  blinded: 'cd'.repeat(48),
  memberKey: key.publicKey,
};

describe('the member’s signed issuance request', () => {
  it('verifies under the member’s own key', () => {
    expect(verifyIssuanceRequest(request, signIssuanceRequest(request, key.secretKey))).toBe(true);
  });

  it('signs the tag and the canonical JSON, keys sorted', () => {
    const text = new TextDecoder().decode(issuanceRequestBytes(request));
    expect(text).toBe(
      'council-ballot/v1/issuance-request\n' +
        `{"blinded":"${request.blinded}","electionId":"${request.electionId}","memberId":"member-0001","memberKey":"${key.publicKey}"}`,
    );
  });

  it('refuses a request changed in any field, another key, or a malformed signature', () => {
    const sig = signIssuanceRequest(request, key.secretKey);
    for (const changed of [
      { ...request, electionId: 'ac'.repeat(32) },
      { ...request, memberId: 'member-0002' },
      { ...request, blinded: 'ce'.repeat(48) },
      { ...request, memberKey: generateMemberKey().publicKey },
    ])
      expect(verifyIssuanceRequest(changed, sig)).toBe(false);
    // A registrar that mints signs with a key of its own: not the member's.
    expect(
      verifyIssuanceRequest(request, signIssuanceRequest(request, generateMemberKey().secretKey)),
    ).toBe(false);
    expect(verifyIssuanceRequest(request, 'zz')).toBe(false);
    expect(verifyIssuanceRequest({ ...request, memberKey: '00'.repeat(32) }, sig)).toBe(false);
  });
});
