/**
 * `npm run bench`: every figure next to a baseline measured in the same run, one table printed to
 * stdout and written to test/bench/last-run.md. Progress goes to stderr. Never part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DECODABLE } from '../support/fixtures.ts';
import { bundleRows } from './bundle-size.ts';
import { clientRows } from './client.ts';
import { directorySyncRows } from './directory-sync.ts';
import { CLIENT_FIXTURES, realInput, twelveMegapixelPhoto, twentyMegabytePng } from './inputs.ts';
import { identiconFloodRows, isolationRows } from './isolation.ts';
import { loadRows } from './load.ts';
import { describeMachine } from './machine.ts';
import { memoryRows } from './memory.ts';
import { pngRows } from './png-size.ts';
import { chooseImgproxy, REPO } from './processes.ts';
import { s3ReplicaRows } from './s3-replicas.ts';
import { s3ServingRows } from './s3-serving.ts';
import { latencyRows } from './server-latency.ts';
import { servingRows } from './serving.ts';
import { kb, mb } from './stats.ts';
import { markdownTable, textTable, type Row } from './table.ts';

const started = performance.now();
const loadAtStart = loadavg();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const rows: Row[] = [];

/** Runs one part; a part that throws becomes a MISS row saying why, and the others still run. */
async function part(name: string, produce: () => Promise<Row[]>): Promise<void> {
  console.error(`[bench ${elapsed()}] ${name}…`);
  try {
    rows.push(...(await produce()));
  } catch (error) {
    console.error(error);
    rows.push({ section: name, what: 'could not be measured', value: String((error as Error).message ?? error).split('\n')[0]!.slice(0, 120), baseline: '—', goal: 'measured', pass: false });
  }
}

const imgproxy = chooseImgproxy();
console.error(`[bench] imgproxy: ${imgproxy.label}`);
const photo = await twelveMegapixelPhoto();
const PHOTO_LABEL = '12 MP JPEG, EXIF 6';
const fixtures = CLIENT_FIXTURES.map(([name, type]) => realInput(name, type));
let chromium = 'Chromium (not started)';

await part('Client bundles (npm run build, gzip -9)', bundleRows);
await part('Client: <avatar-cropper> in headless Chromium', async () => {
  const client = await clientRows([
    { input: photo, runs: 5, goal: true, label: `${PHOTO_LABEL} (${mb(photo.bytes.length)})` },
    ...fixtures.map((input) => ({ input, runs: 3, goal: false, label: input.name })),
  ]);
  chromium = client.version;
  return client.rows;
});
const retina = realInput('retina.jpg', 'image/jpeg');
await part('Server: normalize latency', () => latencyRows(retina, `retina.jpg (1411², ${kb(retina.bytes.length)})`));
await part('Server: decoding in killable workers', () => isolationRows(photo));
await part('Server: /healthz during an identicon flood', identiconFloodRows);
await part('Server: output PNG bytes', () => pngRows([{ input: photo, label: PHOTO_LABEL }, ...fixtures.map((input) => ({ input, label: input.name }))]));
await part('Server: serving stored avatars', () => servingRows(realInput('rocket.jpg', 'image/jpeg')));
// Needs WEED_BIN (test/setup/prerequisites.sh prints it); without it these parts are MISS rows saying so.
await part('Server: serving from S3', () => s3ServingRows(realInput('rocket.jpg', 'image/jpeg')));
await part('Server: peak RSS', async () => memoryRows(await twentyMegabytePng(), realInput('rocket.jpg', 'image/jpeg')));
const loadInputs = DECODABLE.map(([name, type]) => realInput(name, type));
await part('Server: load, sharp', () => loadRows('sharp', loadInputs));
await part('Server: load, imgproxy', () => loadRows('imgproxy', loadInputs));
await part('Server: two replicas on SeaweedFS', () => s3ReplicaRows(500));
await part('Directory photos: LDAP sync', directorySyncRows);

const header = [
  `authentik-avatars bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: \`npm run bench\` took ${elapsed()}`,
  ...describeMachine(chromium, imgproxy.label, loadAtStart),
  ...(imgproxy.kind === 'stand-in' ? ['WARNING: no real imgproxy was found; every imgproxy row measures the node+sharp stand-in and means little about imgproxy itself.'] : []),
  'Shared 2-core VM: absolute times are noisy, compare the ratios. Each value and its baseline come from this run; medians as stated per row.',
];
const table = textTable(header, rows);
console.log(table);
writeFileSync(join(REPO, 'test/bench/last-run.md'), `# \`npm run bench\`: last run\n\n${markdownTable(header, rows)}\n`);
console.error(`[bench] written to test/bench/last-run.md`);
