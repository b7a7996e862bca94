// The signed-in person (or nobody), shared by every surface.
import type { Me } from '@council/shared';
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
}

export const session = new Session();
