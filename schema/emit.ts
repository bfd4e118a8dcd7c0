import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { printSchema } from 'graphql';
import { buildAppSchema } from './buildSchema';

/** The committed SDL: what `npm run schema` writes and the drift test compares with. */
export const SCHEMA_FILE = join(PROJECT_ROOT, 'schema', 'schema.graphql');

export async function schemaSdl(): Promise<string> {
  return `# Generated from the type-graphql classes in schema/ by \`npm run schema\`. Do not edit.\n\n${printSchema(await buildAppSchema())}\n`;
}

if (require.main === module) {
  void schemaSdl().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
