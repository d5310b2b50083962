// Validates every document of every *.yaml file in a directory against the Kubernetes schemas
// bundled with the kubernetes-models package (offline). Exits non-zero on the first invalid file,
// after listing every problem found.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const dir = process.argv[2] ?? '../kubernetes';
let problems = 0;
let checked = 0;

for (const file of readdirSync(dir).filter(f => f.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      problems++;
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      continue;
    }
    const obj = doc.toJS();
    if (!obj) {
      continue;
    }
    const where = `${file}: ${obj.kind ?? '?'} ${obj.metadata?.name ?? '?'}`;
    const group = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion : `${obj.apiVersion}`;
    try {
      const module = await import(`kubernetes-models/${group}/${obj.kind}`);
      const Model = module[obj.kind] ?? module.default;
      new Model(obj).validate();
      checked++;
      console.log(`ok   ${where}`);
    } catch (e) {
      problems++;
      console.error(`FAIL ${where}: ${e.message}`);
    }
  }
}
console.log(`${checked} manifests valid, ${problems} problems`);
process.exit(problems === 0 && checked > 0 ? 0 : 1);
