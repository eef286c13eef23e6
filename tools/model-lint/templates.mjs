// Checks element templates against Camunda's JSON schema for Camunda 7 templates, the one Camunda Modeler
// loads them with: a template the schema refuses is one Modeler would not offer the analyst.
// Usage: node templates.mjs [file.json ...]   (default: ../../processes/.camunda/element-templates/*.json)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const folder = '../../processes/.camunda/element-templates';
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => join(folder, name));

// the schema's own keywords beyond draft-07 (error messages for the Modeler) are not checks
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
let failed = 0;
for (const file of files) {
  const templates = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(templates)) {
    console.log(`${file}: ${templates.length} template(s) valid for Camunda 7`);
  } else {
    failed++;
    for (const error of validate.errors) {
      console.error(`${file}${error.instancePath}: ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
