// A webcast node in a process of its own, for a test to SIGKILL (issue 16): `node --import tsx webcast-node-child.ts
// '<WebcastNodeConfig as JSON>'`. Prints one line "leading" when it runs the compositor, and "ready" once started.
import { startWebcastNode, type WebcastNodeConfig } from './webcast-node.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as WebcastNodeConfig;
const node = await startWebcastNode(config);
const report = () => {
  if (node.service.compositor()) process.stdout.write('leading\n');
  else setTimeout(report, 100);
};
report();
process.stdout.write('ready\n');
