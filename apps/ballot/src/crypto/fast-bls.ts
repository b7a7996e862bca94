// The verifier's bulk BLS work — RFC 9380 hash-to-G1, strict point decoding, multi-scalar sums and pairings — in mcl's
// WebAssembly build. Pure-JS @noble/curves spends ~2.1 ms per hash-to-curve and ~1.1 ms per subgroup-checked point on
// this machine; mcl ~0.3 ms each, which is what lets a 1,000-ballot board verify in under 2 s on two cores. It is a
// second, independent implementation of the same suite: fast-bls.test.ts checks it agrees with noble, which stays the
// implementation of the registrar, the box and the voter's client. Node only (the verifier and its workers).
import { createRequire } from 'node:module';
import * as mcl from 'mcl-wasm';
import { abytes, equalBytes, fromHex, utf8ToBytes } from './bytes.ts';
import { type BlsBackend, assertCoefficient } from './bls-backend.ts';
import { BALLOT_DST } from './hash.ts';

export type FastG1 = mcl.G1;
export type FastBls = BlsBackend<FastG1>;

// mcl's C API sets the hash-to-curve DST per instance; mcl-wasm's typed wrapper does not expose it.
interface McLModule {
  _malloc(n: number): number;
  _free(p: number): void;
  _mclBnG1_setDst(p: number, n: number): number;
}

let loading: Promise<FastBls> | null = null;

/** Load the WebAssembly module once per thread and configure it for the ballot protocol. */
export function loadFastBls(): Promise<FastBls> {
  loading ??= (async () => {
    await mcl.init(mcl.BLS12_381);
    mcl.setETHserialization(true); // the Zcash/IETF compressed encoding noble uses
    mcl.setMapToMode(mcl.IRTF); // RFC 9380 hash-to-curve
    mcl.verifyOrderG1(true); // deserialize checks the subgroup
    mcl.verifyOrderG2(true);
    const mod = (createRequire(import.meta.url)('mcl-wasm/dist/mcl.js') as { mod: McLModule }).mod;
    const dst = utf8ToBytes(BALLOT_DST);
    const p = mod._malloc(dst.length);
    new Uint8Array(mcl.getMemory().buffer, p, dst.length).set(dst);
    const rc = mod._mclBnG1_setDst(p, dst.length);
    mod._free(p);
    if (rc !== 0) throw new Error('mcl: could not set the hash-to-curve DST');
    return createFastBls();
  })();
  return loading;
}

function createFastBls(): FastBls {
  const decodeG1 = (bytes: Uint8Array, title = 'G1 point'): FastG1 => {
    abytes(bytes, 48, title);
    const point = new mcl.G1();
    try {
      point.deserialize(bytes);
    } catch {
      throw new RangeError(`${title}: not a valid subgroup point`);
    }
    if (point.isZero()) throw new RangeError(`${title}: the identity point is not allowed`);
    if (!equalBytes(point.serialize(), bytes))
      throw new RangeError(`${title}: non-canonical encoding`);
    return point;
  };
  const scalar = (c: bigint): mcl.Fr => {
    assertCoefficient(c);
    const le = new Uint8Array(8);
    new DataView(le.buffer).setBigUint64(0, c, true);
    const fr = new mcl.Fr();
    fr.setLittleEndian(le);
    return fr;
  };
  const g2 = new mcl.G2();
  g2.deserialize(G2_GENERATOR);
  // A question has one key and the box checks every cast against it: decode (with its subgroup check) once.
  let lastKey: { bytes: Uint8Array; point: mcl.G2 } | null = null;
  const publicKeyPoint = (publicKey: Uint8Array): mcl.G2 => {
    abytes(publicKey, 96, 'publicKey');
    if (lastKey && equalBytes(lastKey.bytes, publicKey)) return lastKey.point;
    const point = new mcl.G2();
    point.deserialize(publicKey);
    lastKey = { bytes: publicKey.slice(), point };
    return point;
  };
  const pairingCheck = (S: FastG1, H: FastG1, publicKey: Uint8Array): boolean => {
    const pk = publicKeyPoint(publicKey);
    // e(S, g2) · e(−H, pk) = 1, with one final exponentiation
    return mcl.finalExp(mcl.mul(mcl.millerLoop(S, g2), mcl.millerLoop(mcl.neg(H), pk))).isOne();
  };
  const hashToG1 = (message: Uint8Array): FastG1 =>
    mcl.hashAndMapToG1(abytes(message, undefined, 'message'));
  return {
    hashToG1,
    decodeG1,
    sum(points, coefficients) {
      if (points.length !== coefficients.length)
        throw new RangeError('sum: one coefficient per point');
      if (points.length === 0) return new mcl.G1().serialize();
      return mcl.mulVec([...points], coefficients.map(scalar)).serialize();
    },
    decodeSum(bytes) {
      abytes(bytes, 48, 'sum');
      const point = new mcl.G1();
      point.deserialize(bytes);
      return point;
    },
    add: (a, b) => mcl.add(a, b),
    isZero: (p) => p.isZero(),
    pairingCheck,
    verifySignature(signature, message, publicKey) {
      let S: FastG1;
      try {
        S = decodeG1(signature, 'signature');
      } catch {
        // an invalid encoding is simply an invalid signature here
        return false;
      }
      return pairingCheck(S, hashToG1(message), publicKey);
    },
  };
}

// The standard generator of G2, compressed (RFC 9380 / Zcash encoding).
const G2_GENERATOR = fromHex(
  '93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e' +
    '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8',
  96,
  'G2 generator',
);
