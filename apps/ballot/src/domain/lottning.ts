// Lottning (ties decided by lot) made checkable: committee commit–reveal seeds fixed in the manifest before any vote;
// the in-room physical draw, recorded, is the fallback when a seed is withheld.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { LotDraw } from '@council/shared';

/** Draw an order among tied entries; the first takes the place. */
export type DrawLot = (context: string, tied: readonly string[]) => string[];

export class LotMismatchError extends Error {
  override readonly name = 'LotMismatchError';
}

/** Commitment to a committee member's lot seed: SHA-256("council-ballot/v1/lot-commitment" ‖ seed). */
export function lotCommitment(seed: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8ToBytes('council-ballot/v1/lot-commitment'), seed));
}

/** The combined seed from every committee member's revealed seed, in committee order, bound to the election. */
export function combinedLotSeed(electionId: Uint8Array, seeds: readonly Uint8Array[]): Uint8Array {
  return sha256(concatBytes(utf8ToBytes('council-ballot/v1/lot'), electionId, ...seeds));
}

/**
 * A deterministic lot from a seed: the tied entries ordered by SHA-256(seed ‖ context ‖ 0x00 ‖ entry).
 * Anyone holding the revealed seeds recomputes the same order.
 */
export function seededLot(seed: Uint8Array): DrawLot {
  return (context, tied) => {
    const key = (entry: string) =>
      bytesToHex(
        sha256(concatBytes(seed, utf8ToBytes(context), new Uint8Array([0]), utf8ToBytes(entry))),
      );
    return [...tied].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  };
}

/** Replays a recorded (physical) draw; throws LotMismatchError when the recount meets a different tie. */
export function recordedLot(draws: readonly LotDraw[]): DrawLot {
  let next = 0;
  return (context, tied) => {
    const draw = draws[next++];
    const sameSet = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
    if (
      !draw ||
      draw.context !== context ||
      !sameSet(draw.tied, tied) ||
      !sameSet(draw.order, tied)
    ) {
      throw new LotMismatchError(`recorded draw ${next - 1} does not match the tie at ${context}`);
    }
    return [...draw.order];
  };
}

/** Wrap a lot so every draw lands in a transcript. */
export function recording(lot: DrawLot): { lot: DrawLot; draws: LotDraw[] } {
  const draws: LotDraw[] = [];
  return {
    draws,
    lot: (context, tied) => {
      const order = lot(context, tied);
      draws.push({ context, tied: [...tied], order: [...order] });
      return order;
    },
  };
}
