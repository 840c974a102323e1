// Generates src/main/resources/fr/socle/refdata/internal/cog.tsv.gz from the pinned
// @etalab/decoupage-administratif package. See README.md for the format and the command.
//
// The output is deterministic: records keep the package's order, the gzip header carries no
// timestamp, so running the generator twice on the same package gives the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const FORMAT = 1;
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

const clean = (v) => {
  if (v === undefined || v === null) return '';
  const s = String(v);
  if (/[\t\n\r]/.test(s)) throw new Error(`separator inside a value: ${JSON.stringify(s)}`);
  return s;
};
const row = (...fields) => fields.map(clean).join('\t');
const list = (a) => (a && a.length ? a.join(',') : '');
const TYPES = {
  'commune-actuelle': 'A',
  'commune-deleguee': 'D',
  'commune-associee': 'S',
  'arrondissement-municipal': 'M',
};

const lines = [`#socle-refdata\t${FORMAT}`, row('M', MILLESIME, pkg.name, pkg.version)];
for (const r of data('regions.json')) {
  lines.push(row('R', r.code, r.nom, r.chefLieu, r.zone, r.typeLiaison));
}
for (const d of data('departements.json')) {
  lines.push(row('D', d.code, d.region, d.nom, d.chefLieu, d.zone, d.typeLiaison));
}
for (const e of data('epci.json')) {
  lines.push(row('E', e.code, e.nom, e.type, e.modeFinancement, e.populationTotale,
    e.populationMunicipale, list(e.membres.map((m) => m.code))));
}
for (const c of data('communes.json')) {
  const type = TYPES[c.type];
  if (!type) throw new Error(`unknown commune type ${c.type} for ${c.code}`);
  lines.push(row('C', type, c.code, c.nom, c.departement, c.region, c.arrondissement, c.zone,
    c.siren, c.population, list(c.codesPostaux), list(c.anciensCodes),
    c.chefLieu ?? c.commune, c.typeLiaison));
}
const text = lines.join('\n') + '\n';
const out = join(here, '..', 'src', 'main', 'resources', 'fr', 'socle', 'refdata', 'internal',
  'cog.tsv.gz');
writeFileSync(out, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
console.log(`${lines.length} lines, ${text.length} chars -> ${out}`);
