// Every model in processes/ is laid out as Camunda Modeler writes it: read and written again with the
// libraries Modeler saves with (bpmn-moddle, dmn-moddle and Camunda's extensions), it comes out the same,
// so an analyst's first save in Modeler is their change and not a reformatting of the whole file.
// `node round-trip.mjs` checks (exit 1 naming the files that differ); `--write` lays them out.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';

const require = createRequire(import.meta.url);
const camundaBpmn = require('camunda-bpmn-moddle/resources/camunda.json');
const camundaDmn = require('camunda-dmn-moddle/resources/camunda.json');
const processes = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'processes');
const write = process.argv.includes('--write');

let differing = 0;
for (const name of (await readdir(processes)).filter(f => f.endsWith('.bpmn') || f.endsWith('.dmn')).sort()) {
  const file = join(processes, name);
  const xml = await readFile(file, 'utf8');
  const dmn = name.endsWith('.dmn');
  const moddle = dmn ? new DmnModdle({ camunda: camundaDmn }) : new BpmnModdle({ camunda: camundaBpmn });
  const { rootElement, warnings } = await moddle.fromXML(xml, dmn ? 'dmn:Definitions' : 'bpmn:Definitions');
  if (warnings.length > 0) {
    console.error(`${name}: ${warnings.map(w => w.message).join('; ')}`);
    differing++;
    continue;
  }
  const { xml: written } = await moddle.toXML(rootElement, { format: true });
  const laidOut = written + '\n';
  if (laidOut === xml) {
    continue;
  }
  if (write) {
    await writeFile(file, laidOut);
    console.log(`laid out ${name} as Camunda Modeler writes it`);
  } else {
    console.error(`${name} is not laid out as Camunda Modeler writes it: run \`node tools/model-lint/round-trip.mjs --write\``);
    differing++;
  }
}
process.exitCode = differing > 0 ? 1 : 0;
