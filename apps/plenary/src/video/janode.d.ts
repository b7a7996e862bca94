// The part of janode (the Janus authors' Node adapter, plain JavaScript) the video room uses, typed.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }

  export interface JanodeHandle extends EventEmitter {
    id: number;
    message(body: Record<string, unknown>, jsep?: Jsep): Promise<Record<string, unknown>>;
    detach(): Promise<void>;
    hangup(): Promise<void>;
  }

  export interface JanodeSession extends EventEmitter {
    id: number;
    attach<H extends JanodeHandle>(plugin: {
      id: string;
      Handle: new (...args: never[]) => H;
    }): Promise<H>;
    destroy(): Promise<void>;
  }

  export interface JanodeConnection extends EventEmitter {
    create(ka_interval?: number): Promise<JanodeSession>;
    close(): Promise<void>;
    /** Admin API: one handle's state, including per-stream statistics. */
    handleInfo(session_id: number, handle_id: number): Promise<{ info: Record<string, unknown> }>;
    listSessions(): Promise<{ sessions: number[] }>;
    listHandles(session_id: number): Promise<{ handles: number[] }>;
  }

  const Janode: {
    connect(config: {
      is_admin?: boolean;
      address: { url: string; apisecret?: string }[] | { url: string; apisecret?: string };
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<JanodeConnection>;
    Logger: { setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): void };
    EVENT: {
      CONNECTION_CLOSED: 'connection_closed';
      SESSION_DESTROYED: 'session_destroyed';
      HANDLE_DETACHED: 'handle_detached';
      HANDLE_ICE_FAILED: 'handle_ice_failed';
      HANDLE_HANGUP: 'handle_hangup';
      HANDLE_MEDIA: 'handle_media';
      HANDLE_WEBRTCUP: 'handle_webrtcup';
      HANDLE_SLOWLINK: 'handle_slowlink';
      CONNECTION_ERROR: 'connection_error';
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { JanodeHandle, Jsep } from 'janode';

  export interface VideoRoomStream {
    type: 'audio' | 'video' | 'data';
    mid: string;
    feed_id?: string;
    feed_display?: string;
    feed_mid?: string;
    active?: boolean;
  }
  export interface VideoRoomPublisher {
    feed: string;
    display?: string;
    streams?: { type: string; mid: string; disabled?: boolean }[];
  }

  export interface VideoRoomHandle extends JanodeHandle {
    feed?: string;
    create(params: Record<string, unknown>): Promise<{ room: string }>;
    destroy(params: { room: string; secret?: string }): Promise<{ room: string }>;
    exists(params: { room: string }): Promise<{ exists: boolean }>;
    allow(params: {
      room: string;
      action: 'enable' | 'disable' | 'add' | 'remove';
      list?: string[];
      secret?: string;
    }): Promise<{ list: string[] }>;
    kick(params: { room: string; feed: string; secret?: string }): Promise<unknown>;
    listParticipants(params: {
      room: string;
    }): Promise<{ participants: { feed: string; display?: string; publisher: boolean }[] }>;
    joinPublisher(params: {
      room: string;
      feed?: string;
      display?: string;
      token?: string;
    }): Promise<{ feed: string; publishers: VideoRoomPublisher[] }>;
    configure(params: Record<string, unknown> & { jsep?: Jsep }): Promise<{ jsep?: Jsep }>;
    publish(params: Record<string, unknown> & { jsep: Jsep }): Promise<{ jsep?: Jsep }>;
    joinSubscriber(params: {
      room: string;
      streams: { feed: string; mid?: string }[];
      token?: string;
      autoupdate?: boolean;
      use_msid?: boolean;
    }): Promise<{ jsep?: Jsep; streams?: VideoRoomStream[] }>;
    update(params: {
      subscribe?: { feed: string; mid?: string }[];
      unsubscribe?: { feed: string; mid?: string }[];
    }): Promise<{ jsep?: Jsep; streams?: VideoRoomStream[] }>;
    start(params: { jsep?: Jsep }): Promise<unknown>;
    leave(): Promise<unknown>;
    startForward(params: Record<string, unknown>): Promise<{
      forwarders?: { audio_stream?: number; video_stream?: number }[];
    }>;
    stopForward(params: {
      room: string;
      feed: string;
      stream: number;
      secret?: string;
      admin_key?: string;
    }): Promise<unknown>;
    listForward(params: { room: string; secret?: string }): Promise<{
      forwarders?: {
        feed: string;
        forwarders: { host?: string; audio_stream?: number; video_stream?: number }[];
      }[];
    }>;
  }

  const VideoRoomPlugin: {
    id: string;
    Handle: new (...args: never[]) => VideoRoomHandle;
    EVENT: Record<
      | 'VIDEOROOM_PUB_PEER_JOINED'
      | 'VIDEOROOM_PUB_LIST'
      | 'VIDEOROOM_UNPUBLISHED'
      | 'VIDEOROOM_LEAVING'
      | 'VIDEOROOM_UPDATED'
      | 'VIDEOROOM_KICKED'
      | 'VIDEOROOM_DESTROYED'
      | 'VIDEOROOM_TALKING'
      | 'VIDEOROOM_SLOWLINK',
      string
    >;
  };
  export default VideoRoomPlugin;
}

declare module 'janode/plugins/streaming' {
  import type { JanodeHandle, Jsep } from 'janode';

  export interface StreamingHandle extends JanodeHandle {
    createRtpMountpoint(params: Record<string, unknown>): Promise<{
      id: string;
      media?: { mid: string; port: number }[];
    }>;
    destroyMountpoint(params: { id: string; secret?: string }): Promise<unknown>;
    watch(params: { id: string; pin?: string }): Promise<{ jsep?: Jsep }>;
    start(params: { jsep?: Jsep }): Promise<unknown>;
    stop(): Promise<unknown>;
    info(params: { id: string; secret?: string }): Promise<Record<string, unknown>>;
  }

  const StreamingPlugin: {
    id: string;
    Handle: new (...args: never[]) => StreamingHandle;
    EVENT: Record<string, string>;
  };
  export default StreamingPlugin;
}
