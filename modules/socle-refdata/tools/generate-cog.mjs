// Generates src/main/resources/fr/socle/refdata/internal/cog.bin.gz from the pinned
// @etalab/decoupage-administratif package. See README.md for the format and the command.
//
// The output is deterministic: records keep the package's order, the gzip header carries no
// timestamp, so running the generator twice on the same package gives the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const FORMAT = 2;
const MILLESIME = 2026;
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.version !== '6.0.0') {
  throw new Error(`expected @etalab/decoupage-administratif 6.0.0, found ${pkg.version}`);
}
// index.js resolves ./data relative to the working directory: read the files directly.
const data = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', name), 'utf8'));

// Format 2: binary, big-endian, gzip. A string table first (each distinct string once, index 0 is
// the empty string meaning "absent"), then records referring to strings by index. See README.md.
const strings = [''];
const index = new Map([['', 0]]);
const ref = (v) => {
  const s = v === undefined || v === null ? '' : String(v);
  let i = index.get(s);
  if (i === undefined) {
    i = strings.length;
    strings.push(s);
    index.set(s, i);
  }
  return i;
};
const ZONES = { metro: 0, drom: 1, com: 2 };
const zone = (z) => {
  if (!(z in ZONES)) throw new Error(`unknown zone ${z}`);
  return ZONES[z];
};
const TYPES = {
  'commune-actuelle': 0,
  'commune-deleguee': 1,
  'commune-associee': 2,
  'arrondissement-municipal': 3,
};

// Records are first collected as lists of [kind, value] so the string table is complete before
// anything is written.
let body = [];
const u8 = (v) => body.push(['u8', v]);
const u16 = (v) => body.push(['u16', v]);
const i32 = (v) => body.push(['i32', v]);
const s = (v) => body.push(['i32', ref(v)]);
const list = (a) => {
  const items = a ?? [];
  if (items.length > 255) throw new Error(`list too long: ${items.length}`);
  u8(items.length);
  items.forEach((x) => s(x));
};

const regions = data('regions.json');
const departements = data('departements.json');
const epcis = data('epci.json');
const communes = data('communes.json');
i32(MILLESIME); s(pkg.name); s(pkg.version);
u16(regions.length);
for (const r of regions) { s(r.code); s(r.nom); s(r.chefLieu); u8(zone(r.zone)); }
u16(departements.length);
for (const d of departements) { s(d.code); s(d.nom); s(d.region); s(d.chefLieu); u8(zone(d.zone)); }
u16(epcis.length);
for (const e of epcis) {
  s(e.code); s(e.nom); s(e.type); s(e.modeFinancement);
  i32(e.populationTotale); i32(e.populationMunicipale);
  const members = e.membres.map((m) => m.code);
  if (members.length > 65535) throw new Error('too many members');
  u16(members.length);
  members.forEach((m) => s(m));
}
// The EPCI of each current commune, resolved here so that the reader needs no map for it.
const epciOf = new Map();
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);
const pre = body;
const halves = [[], []];
const half = Math.ceil(communes.length / 2);
for (const [i, c] of communes.entries()) {
  body = halves[i < half ? 0 : 1];
  const type = TYPES[c.type];
  if (type === undefined) throw new Error(`unknown commune type ${c.type} for ${c.code}`);
  u8(type); s(c.code); s(c.nom); s(c.departement); s(c.region); u8(zone(c.zone)); s(c.siren);
  i32(c.population ?? -1);
  list(c.codesPostaux); list(c.anciensCodes); s(c.chefLieu ?? c.commune);
  s(type === 0 ? epciOf.get(c.code) : '');
}

const encode = (tokens) => {
  const buf = Buffer.alloc(tokens.length * 4);
  let pos = 0;
  for (const [kind, v] of tokens) {
    if (kind === 'u8') pos = buf.writeUInt8(v, pos);
    else if (kind === 'u16') pos = buf.writeUInt16BE(v, pos);
    else pos = buf.writeInt32BE(v, pos);
  }
  return buf.subarray(0, pos);
};
// A block: i32 item count, i32 byte length, the items. The string table and the communes come in
// two blocks each, so that the reader can decode the two halves on two threads.
const block = (count, bytes) => {
  const h = Buffer.alloc(8);
  h.writeInt32BE(count, 0);
  h.writeInt32BE(bytes.length, 4);
  return [h, bytes];
};
const stringBytes = (list) => Buffer.concat(list.flatMap((str) => {
  const bytes = Buffer.from(str, 'utf8');
  if (bytes.length > 0x7fff) throw new Error('string too long');
  // High bit of the length: the string holds non-ASCII characters (decoded as UTF-8).
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length | (/[^\x00-\x7f]/.test(str) ? 0x8000 : 0));
  return [len, bytes];
}));
const head = Buffer.alloc(10);
head.write('SOCLECOG', 0, 'ascii');
head.writeUInt16BE(FORMAT, 8);
const split = Math.ceil(strings.length / 2);
const chunks = [
  head,
  ...block(split, stringBytes(strings.slice(0, split))),
  ...block(strings.length - split, stringBytes(strings.slice(split))),
  encode(pre),
  ...block(half, encode(halves[0])),
  ...block(communes.length - half, encode(halves[1])),
];
const raw = Buffer.concat(chunks);
const out = join(here, '..', 'src', 'main', 'resources', 'fr', 'socle', 'refdata', 'internal',
  'cog.bin.gz');
writeFileSync(out, gzipSync(raw, { level: 9 }));
console.log(`${strings.length} strings, ${communes.length} communes, ${raw.length} bytes -> ${out}`);
