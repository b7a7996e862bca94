// Janus's configuration for one run, generated as text (libconfig .jcfg files): only the transports and plugins the
// room needs, the WebSocket API and admin API on the given ports, the admin secret and room-creation keys server-side.

export interface JanusConfigInput {
  /** Folder the generated files are written to (Janus's configs_folder). */
  configsFolder: string;
  /** The Janus API (janode connects here); bound to 127.0.0.1, never reachable by browsers. */
  wsPort: number;
  /** The admin API (statistics, tokens). */
  adminWsPort: number;
  adminSecret: string;
  /** Key the VideoRoom and Streaming plugins require to create rooms and mountpoints and to RTP-forward. */
  pluginAdminKey: string;
  /** Only gather ICE candidates on these interfaces ("lo" in tests); empty: all. */
  iceEnforceList?: string | undefined;
  /** UDP range for media. */
  rtpPortRange: { min: number; max: number };
  /** 1 (fatal) … 7 (huge); 4 is Janus's default. */
  debugLevel?: number;
}

/** A libconfig string literal. */
function str(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const UNUSED_PLUGINS = [
  'libjanus_audiobridge.so',
  'libjanus_duktape.so',
  'libjanus_echotest.so',
  'libjanus_lua.so',
  'libjanus_nosip.so',
  'libjanus_recordplay.so',
  'libjanus_sip.so',
  'libjanus_textroom.so',
  'libjanus_videocall.so',
  'libjanus_voicemail.so',
];
const UNUSED_TRANSPORTS = [
  'libjanus_http.so',
  'libjanus_mqtt.so',
  'libjanus_nanomsg.so',
  'libjanus_pfunix.so',
  'libjanus_rabbitmq.so',
];

/** The files of Janus's configs folder, by name. */
export function janusConfigFiles(input: JanusConfigInput): Record<string, string> {
  const nat = [
    input.iceEnforceList ? `  ice_enforce_list = ${str(input.iceEnforceList)}` : '',
    '  nice_debug = false',
    '  full_trickle = false',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    'janus.jcfg': `general: {
  configs_folder = ${str(input.configsFolder)}
  debug_level = ${input.debugLevel ?? 4}
  debug_timestamps = true
  admin_secret = ${str(input.adminSecret)}
  server_name = "council-room"
  session_timeout = 60
  reclaim_session_timeout = 0
  hide_dependencies = true
}
certificates: {
  dtls_accept_selfsigned = true
}
media: {
  rtp_port_range = "${input.rtpPortRange.min}-${input.rtpPortRange.max}"
  dtls_timeout = 500
  nack_optimizations = true
}
nat: {
${nat}
}
plugins: {
  disable = ${str(UNUSED_PLUGINS.join(','))}
}
transports: {
  disable = ${str(UNUSED_TRANSPORTS.join(','))}
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = false
}
`,
    'janus.transport.websockets.jcfg': `general: {
  json = "compact"
  ws = true
  ws_port = ${input.wsPort}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = true
  admin_ws_port = ${input.adminWsPort}
  admin_ws_ip = "127.0.0.1"
  admin_wss = false
}
`,
    // string_ids: rooms are named by the sitting and participants by the person, so Janus itself refuses a second
    // publisher of the same person in a room.
    'janus.plugin.videoroom.jcfg': `general: {
  admin_key = ${str(input.pluginAdminKey)}
  lock_rtp_forward = true
  string_ids = true
  events = false
}
`,
    'janus.plugin.streaming.jcfg': `general: {
  admin_key = ${str(input.pluginAdminKey)}
  string_ids = true
  events = false
}
`,
  };
}

/** Janus's command line for a configs folder; logs go to stdout, without colours. */
export function janusArgs(configsFolder: string): string[] {
  return ['-F', configsFolder, '-C', `${configsFolder}/janus.jcfg`, '--disable-colors'];
}
