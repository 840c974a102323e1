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
const body = [];
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
i32(communes.length);
for (const c of communes) {
  const type = TYPES[c.type];
  if (type === undefined) throw new Error(`unknown commune type ${c.type} for ${c.code}`);
  u8(type); s(c.code); s(c.nom); s(c.departement); s(c.region); u8(zone(c.zone)); s(c.siren);
  i32(c.population ?? -1);
  list(c.codesPostaux); list(c.anciensCodes); s(c.chefLieu ?? c.commune);
  s(type === 0 ? epciOf.get(c.code) : '');
}

const chunks = [];
const head = Buffer.alloc(14);
head.write('SOCLECOG', 0, 'ascii');
head.writeUInt16BE(FORMAT, 8);
head.writeInt32BE(strings.length, 10);
chunks.push(head);
for (const str of strings) {
  const bytes = Buffer.from(str, 'utf8');
  if (bytes.length > 0x7fff) throw new Error('string too long');
  // High bit of the length: the string holds non-ASCII characters (decoded as UTF-8).
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length | (/[^\x00-\x7f]/.test(str) ? 0x8000 : 0));
  chunks.push(len, bytes);
}
const rec = Buffer.alloc(body.length * 4);
let pos = 0;
for (const [kind, v] of body) {
  if (kind === 'u8') pos = rec.writeUInt8(v, pos);
  else if (kind === 'u16') pos = rec.writeUInt16BE(v, pos);
  else pos = rec.writeInt32BE(v, pos);
}
chunks.push(rec.subarray(0, pos));
const raw = Buffer.concat(chunks);
const out = join(here, '..', 'src', 'main', 'resources', 'fr', 'socle', 'refdata', 'internal',
  'cog.bin.gz');
writeFileSync(out, gzipSync(raw, { level: 9 }));
console.log(`${strings.length} strings, ${communes.length} communes, ${raw.length} bytes -> ${out}`);
