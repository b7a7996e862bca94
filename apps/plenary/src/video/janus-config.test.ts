import { describe, expect, it } from 'vitest';
import { janusConfigFiles } from './janus-config.ts';

const input = {
  configsFolder: '/tmp/x',
  wsPort: 4001,
  adminWsPort: 4002,
  adminSecret: 'adm"in',
  pluginAdminKey: 'key',
  iceEnforceList: 'lo',
  rtpPortRange: { min: 30000, max: 30999 },
};

describe('janusConfigFiles', () => {
  it('binds the API and the admin API to loopback on the given ports, with the admin secret', () => {
    const f = janusConfigFiles(input);
    expect(f['janus.transport.websockets.jcfg']).toMatch(
      /ws_port = 4001[\s\S]*ws_ip = "127.0.0.1"/,
    );
    expect(f['janus.transport.websockets.jcfg']).toMatch(/admin_ws_port = 4002/);
    expect(f['janus.jcfg']).toContain('admin_secret = "adm\\"in"');
    expect(f['janus.jcfg']).toContain('ice_enforce_list = "lo"');
    expect(f['janus.jcfg']).toContain('rtp_port_range = "30000-30999"');
  });

  it('R09: rooms and mountpoints need the admin key; ids are strings (sitting, person)', () => {
    const f = janusConfigFiles(input);
    for (const plugin of ['janus.plugin.videoroom.jcfg', 'janus.plugin.streaming.jcfg']) {
      expect(f[plugin]).toContain('admin_key = "key"');
      expect(f[plugin]).toContain('string_ids = true');
    }
    expect(f['janus.plugin.videoroom.jcfg']).toContain('lock_rtp_forward = true');
  });

  it('gathers on every interface when no list is given', () => {
    const { iceEnforceList: _unused, ...rest } = input;
    expect(janusConfigFiles(rest)['janus.jcfg']).not.toContain('ice_enforce_list');
  });
});
