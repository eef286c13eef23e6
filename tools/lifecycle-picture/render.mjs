// Renders the lifecycle model (processes/backorder.bpmn) to docs/lifecycle.svg with bpmn-js in headless
// Chromium, as Camunda Modeler draws it. `node render.mjs` writes the picture; `node render.mjs --check`
// fails when the committed picture is not the model's (the model changed and the picture did not).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const model = join(root, 'processes', 'backorder.bpmn');
const picture = join(root, 'docs', 'lifecycle.svg');
const viewer = join(here, 'node_modules', 'bpmn-js', 'dist', 'bpmn-viewer.production.min.js');
const check = process.argv.includes('--check');

// the flags keep Chromium off the network, which this machine's sandbox closes anyway
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
  timeout: 60_000,
});
try {
  const page = await browser.newPage();
  await page.setContent('<div id="canvas" style="width: 2400px; height: 1200px"></div>');
  await page.addScriptTag({ path: viewer });
  const xml = await readFile(model, 'utf8');
  const { svg: drawn, warnings } = await page.evaluate(async (xml) => {
    const bpmn = new BpmnJS({ container: '#canvas' });
    const { warnings } = await bpmn.importXML(xml);
    const { svg } = await bpmn.saveSVG();
    return { svg, warnings: warnings.map(w => w.message) };
  }, xml);
  const svg = stable(drawn);
  if (warnings.length > 0) {
    console.error(`processes/backorder.bpmn has import warnings:\n  ${warnings.join('\n  ')}`);
    process.exitCode = 1;
  } else if (check) {
    const committed = await readFile(picture, 'utf8').catch(() => '');
    if (committed !== svg + '\n') {
      console.error('docs/lifecycle.svg is not the picture of processes/backorder.bpmn: '
        + 'run `node tools/lifecycle-picture/render.mjs` and commit the picture with the model');
      process.exitCode = 1;
    } else {
      console.log('docs/lifecycle.svg is the picture of processes/backorder.bpmn');
    }
  } else {
    await writeFile(picture, svg + '\n');
    console.log(`wrote ${picture}`);
  }
} finally {
  await browser.close();
}

/** bpmn-js names its arrow-head markers at random: numbered in order, the same model draws the same file. */
function stable(svg) {
  const names = new Map();
  return svg.replace(/marker-[a-z0-9]+/g, (id) => {
    if (!names.has(id)) {
      names.set(id, `marker-${names.size + 1}`);
    }
    return names.get(id);
  });
}
