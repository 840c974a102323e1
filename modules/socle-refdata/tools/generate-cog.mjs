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

const FORMAT = 3;
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
const epts = data('ept.json');
const arrondissements = data('arrondissements.json');
const communes = data('communes.json');
i32(MILLESIME); s(pkg.name); s(pkg.version);
u16(regions.length);
for (const r of regions) { s(r.code); s(r.nom); s(r.chefLieu); u8(zone(r.zone)); }
u16(departements.length);
for (const d of departements) { s(d.code); s(d.nom); s(d.region); s(d.chefLieu); u8(zone(d.zone)); }
u16(arrondissements.length);
for (const a of arrondissements) { s(a.code); s(a.nom); s(a.departement); s(a.region); s(a.chefLieu); }
const groupings = (list) => {
  u16(list.length);
  for (const e of list) {
    s(e.code); s(e.nom); s(e.type); s(e.modeFinancement);
    i32(e.populationTotale); i32(e.populationMunicipale);
    const members = e.membres.map((m) => m.code);
    if (members.length > 65535) throw new Error('too many members');
    u16(members.length);
    members.forEach((m) => s(m));
  }
};
groupings(epcis);
groupings(epts);
// Rank of chef-lieu, as the COG had it until 2020 (RANG_CHEFLIEU; the field is 0 everywhere since
// INSEE dropped it): 4 région, 3 département, 2 arrondissement, 0 none. The canton rank (1) cannot
// be rebuilt, cantons not being in the package.
const rank = new Map();
const raise = (code, r) => rank.set(code, Math.max(rank.get(code) ?? 0, r));
arrondissements.forEach((a) => raise(a.chefLieu, 2));
departements.forEach((d) => raise(d.chefLieu, 3));
regions.forEach((r) => raise(r.chefLieu, 4));
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
  s(c.arrondissement); u8(type === 0 ? (rank.get(c.code) ?? 0) : 0);
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
const resources = join(here, '..', 'src', 'main', 'resources', 'fr', 'socle', 'refdata', 'internal');
const out = join(resources, 'cog.bin.gz');
writeFileSync(out, gzipSync(raw, { level: 9 }));
console.log(`${strings.length} strings, ${communes.length} communes, ${raw.length} bytes -> ${out}`);

writeHistory(join(resources, 'cog-history.bin.gz'));

// ---------------------------------------------------------------------------------------------
// History (cog-history.bin.gz, format 1): the communes of each earlier millésime, one package
// version per yearly COG, read through npm aliases (package.json). COG 2020 is in no version of
// the package. Only what differs from "the same entry in every millésime" is written: an entry
// (type, code, name, parent, département) present in all of them is the 2026 entry itself.
function writeHistory(path) {
  const HISTORY = [
    [2019, 'cog-2019', '0.8.0'],
    [2021, 'cog-2021', '1.1.1'],
    [2022, 'cog-2022', '2.3.1'],
    [2023, 'cog-2023', '3.1.1'],
    [2024, 'cog-2024', '4.1.0'],
    [2025, 'cog-2025', '5.3.0'],
  ];
  const years = [];
  for (const [year, alias, version] of HISTORY) {
    const dir = dirname(require.resolve(`${alias}/package.json`));
    const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (p.version !== version) throw new Error(`expected ${alias} ${version}, found ${p.version}`);
    years.push({ year, source: `${p.name} ${p.version}`, communes: JSON.parse(readFileSync(join(dir, 'data', 'communes.json'), 'utf8')) });
  }
  years.push({ year: MILLESIME, source: `${pkg.name} ${pkg.version}`, communes });
  const newest = years.length - 1;
  const parentOf = (c) => c.chefLieu ?? c.commune ?? '';
  // Per millésime: current codes (communes and arrondissements), délégué/associé -> parent,
  // anciensCode -> commune.
  for (const y of years) {
    y.current = new Set();
    y.delegue = new Map();
    y.former = new Map();
    for (const c of y.communes) {
      if (TYPES[c.type] === undefined) throw new Error(`unknown type ${c.type} in ${y.year}`);
      if (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') y.current.add(c.code);
      else y.delegue.set(c.code, parentOf(c));
    }
    for (const c of y.communes) {
      if (c.type !== 'commune-actuelle') continue;
      for (const a of c.anciensCodes ?? []) if (!y.current.has(a) && !y.former.has(a)) y.former.set(a, c.code);
    }
  }
  // The current (newest) commune a code leads to, following the COG year after year. A délégué's
  // link wins over an anciensCode, as in Territories.commune (see issue about 60455).
  const memo = new Map();
  const resolve = (code, i, depth = 0) => {
    const key = `${code}@${i}`;
    if (memo.has(key)) return memo.get(key);
    if (depth > 40) throw new Error(`resolution loop at ${key}`);
    const y = years[i];
    let out = null;
    if (y.current.has(code)) out = i === newest ? code : follow(code, i + 1, depth);
    else if (y.delegue.has(code)) out = resolve(y.delegue.get(code), i, depth + 1);
    else if (y.former.has(code)) out = resolve(y.former.get(code), i, depth + 1);
    else if (i < newest) out = follow(code, i + 1, depth);
    memo.set(key, out);
    return out;
  };
  const follow = (code, j, depth) => {
    const y = years[j];
    if (y.current.has(code) || y.delegue.has(code) || y.former.has(code)) return resolve(code, j, depth + 1);
    return j < newest ? follow(code, j + 1, depth) : null;
  };

  // Distinct entries with the millésimes holding them.
  const entries = new Map();
  years.forEach((y, i) => {
    for (const c of y.communes) {
      const k = [c.type, c.code, c.nom, parentOf(c), c.departement].join('|');
      let e = entries.get(k);
      if (!e) entries.set(k, (e = { c, parent: parentOf(c), years: [] }));
      if (e.years[e.years.length - 1] !== i) e.years.push(i);
    }
  });
  const out = [];
  let unresolved = 0;
  for (const e of entries.values()) {
    // Split into runs of consecutive millésimes (a commune rétablie comes back).
    let start = 0;
    for (let k = 1; k <= e.years.length; k++) {
      if (k < e.years.length && e.years[k] === e.years[k - 1] + 1) continue;
      const first = e.years[start];
      const last = e.years[k - 1];
      start = k;
      if (first === 0 && last === newest) continue; // the newest entry, unchanged since the oldest
      const t = TYPES[e.c.type];
      let current;
      if (t === 0 || t === 3) current = resolve(e.c.code, last);
      else current = last < newest && follow(e.c.code, last + 1, 0) ? follow(e.c.code, last + 1, 0) : resolve(e.parent, last);
      if (current === null) { unresolved++; continue; }
      out.push({ t, c: e.c, parent: e.parent, first, last, current });
    }
  }
  // Before the oldest millésime: codes only known as former codes of a newer commune, named from
  // the history file of the 2019 package (historique-communes.json, 1943-2019).
  const known = new Set(years.flatMap((y) => y.communes.map((c) => c.code)));
  const hist = JSON.parse(readFileSync(join(dirname(require.resolve('cog-2019/package.json')), 'data', 'historique-communes.json'), 'utf8'));
  const histName = new Map();
  for (const h of hist) {
    const prev = histName.get(h.code);
    if (!prev || (h.dateFin ?? '9999') >= (prev.dateFin ?? '9999')) histName.set(h.code, h);
  }
  let formerOnly = 0;
  let nameless = 0;
  for (const y of years) {
    for (const [code] of y.former) {
      if (known.has(code)) continue;
      known.add(code);
      const current = resolve(code, years.indexOf(y));
      const h = histName.get(code);
      if (!current || !h) { nameless++; continue; }
      formerOnly++;
      // Type 0 and year index 255: "a commune before the oldest millésime".
      out.push({ t: 0, c: { code, nom: h.nom, departement: '' }, parent: '', first: 255, last: 255, current });
    }
  }
  out.sort((a, b) => (a.c.code < b.c.code ? -1 : a.c.code > b.c.code ? 1 : a.first - b.first || a.t - b.t));

  strings.length = 1;
  index.clear();
  index.set('', 0);
  body = [];
  u8(years.length);
  for (const y of years) { i32(y.year); s(y.source); }
  i32(out.length);
  for (const e of out) {
    u8(e.t); s(e.c.code); s(e.c.nom); s(e.c.departement); s(e.parent);
    u8(e.first); u8(e.last); s(e.current);
  }
  const records = encode(body);
  const hhead = Buffer.alloc(10);
  hhead.write('SOCLEHIS', 0, 'ascii');
  hhead.writeUInt16BE(1, 8);
  const hraw = Buffer.concat([hhead, ...block(strings.length, stringBytes(strings)), records]);
  writeFileSync(path, gzipSync(hraw, { level: 9 }));
  console.log(`history: ${years.map((y) => y.year).join(', ')}; ${out.length} entries (${formerOnly} former codes named from the 1943-2019 history, ${nameless} without a name skipped, ${unresolved} unresolved skipped), ${hraw.length} bytes -> ${path}`);
}
