// The signed-in person (or nobody), shared by every surface.
import type { CommandType, Me } from '@council/shared';
import { commandRights } from '$domain/sitting/rights.ts';
import { api } from '../api/http.ts';

class Session {
  me = $state<Me | null>(null);
  loaded = $state(false);

  async load(): Promise<void> {
    const res = await api.me();
    this.me = res.ok ? res.data : null;
    this.loaded = true;
  }

  async login(username: string, password: string): Promise<string | null> {
    const res = await api.login({ username, password });
    if (!res.ok) return res.error.message;
    this.me = res.data;
    return null;
  }

  async logout(): Promise<void> {
    await api.logout();
    this.me = null;
  }

  has(...roles: Me['roles']): boolean {
    return this.me?.roles.some((r) => roles.includes(r)) ?? false;
  }

  get isDesk(): boolean {
    return this.has('chair', 'secretary');
  }

  /**
   * Whether this person's roles allow the command at all (the server's rights table): a control for a power that
   * is not theirs (the chair's finding, gavel and casting vote for the secretary) is not offered. The server still
   * decides each case (roster, recusal, the sitting's state).
   */
  may(type: CommandType): boolean {
    switch (commandRights[type]) {
      case 'chair':
        return this.has('chair');
      case 'desk':
        return this.isDesk;
      case 'committee':
        return this.has('committee');
      case 'service':
        return false;
      default:
        return this.me !== null;
    }
  }
}

export const session = new Session();
