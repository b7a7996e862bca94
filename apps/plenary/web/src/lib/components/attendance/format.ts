// Small formatting helpers shared by the attendance panels.
import type { SittingState } from '$domain/sitting/types.ts';

export function nameOf(state: SittingState, personId: string | null): string {
  if (!personId) return '';
  return state.roster.people.find((p) => p.id === personId)?.name ?? personId;
}

export function partyAbbr(state: SittingState, partyId: string | null | undefined): string {
  if (!partyId) return '';
  return state.roster.parties.find((p) => p.id === partyId)?.abbreviation ?? partyId;
}

/** "4:05" from milliseconds (never negative). */
export function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function hhmm(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString('sv-SE', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  });
}
