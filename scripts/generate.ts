/** `npm run generate`: (re)write the files derived from schemas/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderGeneratedFiles } from './codegen.js';

const files = await renderGeneratedFiles();
for (const [path, content] of files) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
process.stdout.write(`generated ${files.size} files from schemas/\n`);
