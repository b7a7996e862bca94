// Publishes a remote member's camera and microphone to the webcast while they have the floor (R09, R25):
// MediaRecorder WebM chunks of 200 ms over a WebSocket to the webcast's per-feed ffmpeg.
import { call } from '../api/http.ts';
import { t } from '../i18n/i18n.svelte.ts';

export type OnAirStatus = 'off' | 'starting' | 'on-air' | 'error';

export class OnAirPublisher {
  status = $state<OnAirStatus>('off');
  error = $state<string | null>(null);
  stream = $state.raw<MediaStream | null>(null);
  #recorder: MediaRecorder | null = null;
  #socket: WebSocket | null = null;

  async start(sittingId: string): Promise<void> {
    if (this.status === 'starting' || this.status === 'on-air') return;
    this.status = 'starting';
    this.error = null;
    try {
      const res = await call<{ token: string }>(
        'POST',
        `/api/sittings/${encodeURIComponent(sittingId)}/ingest-token`,
      );
      if (!res.ok) throw new Error(res.error.message);
      const { token } = res.data;
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 360 },
        audio: true,
      });
      this.stream = stream;
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(
        `${proto}//${location.host}/webcast/ingest/${encodeURIComponent(sittingId)}?token=${encodeURIComponent(token)}`,
      );
      socket.binaryType = 'arraybuffer';
      this.#socket = socket;
      await new Promise<void>((resolve, reject) => {
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error(t('client.webcastRefused')));
      });
      const mimeType = ['video/webm;codecs=vp8,opus', 'video/webm'].find((m) =>
        MediaRecorder.isTypeSupported(m),
      );
      const recorder = new MediaRecorder(
        stream,
        mimeType ? { mimeType, videoBitsPerSecond: 800_000 } : {},
      );
      recorder.ondataavailable = (e) => {
        if (e.data.size > 0 && socket.readyState === WebSocket.OPEN)
          void e.data.arrayBuffer().then((b) => socket.send(b));
      };
      socket.onclose = () => {
        if (this.status === 'on-air') this.stop();
      };
      recorder.start(200);
      this.#recorder = recorder;
      this.status = 'on-air';
    } catch (error) {
      this.stop();
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  stop(): void {
    if (this.#recorder && this.#recorder.state !== 'inactive') this.#recorder.stop();
    this.#recorder = null;
    this.#socket?.close();
    this.#socket = null;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    if (this.status !== 'error') this.status = 'off';
  }
}
