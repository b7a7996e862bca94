// `npm run bench -- <name>`: runs bench/<name>.ts, whose run() prints a readable table and returns its figures;
// the figures are printed last as one JSON line.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('-'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
  console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ')})`);
  process.exit(2);
}

const mod = (await import(`./${name}.ts`)) as {
  run?: (args: string[]) => Promise<Record<string, number | string>>;
};
if (typeof mod.run !== 'function') {
  console.error(`bench/${name}.ts does not export run()`);
  process.exit(2);
}
const figures = await mod.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: name, at: new Date().toISOString(), ...figures }));
process.exit(0);
