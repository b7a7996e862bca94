// Which sitting a surface shows: ?sitting=… in the URL, else the first that is not closed, else the latest.
import { api } from '../api/http.ts';

export async function pickSittingId(): Promise<string | null> {
  const fromUrl = new URLSearchParams(location.search).get('sitting');
  if (fromUrl) return fromUrl;
  const res = await api.sittings();
  if (!res.ok) return null;
  const live = res.data.sittings.find((s) => s.status !== 'closed');
  return (live ?? res.data.sittings.at(-1))?.id ?? null;
}
