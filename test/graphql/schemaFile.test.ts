import { readFileSync } from 'node:fs';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../schema/buildSchema';
import { SCHEMA_FILE, schemaSdl } from '../../schema/emit';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

describe('schema/schema.graphql', () => {
  it('is what the type-graphql classes print (run `npm run schema` after changing them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await schemaSdl());
  });

  it('has the operation names DESIGN.md fixes', () => {
    const queries = Object.keys(schema.getQueryType()!.getFields());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const q of ['datasets', 'models', 'model', 'productionModel', 'scenario', 'scenarios', 'responseCurve', 'notebook', 'digests', 'jobSchedules', 'jobRuns']) expect(queries).toContain(q);
    for (const m of ['ingestCsv', 'trainModel', 'promoteModel', 'runWhatIf', 'optimizeBudget', 'ask', 'createJobSchedule', 'runJobNow', 'createApiKey']) expect(mutations).toContain(m);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type) && type.getValues().length > 6) {
        // Long enums say what each value means; short ones (statuses) are clear from the type's description.
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing.filter((m) => !['Query', 'Mutation'].includes(m))).toEqual([]);
  });

  it('pages every list of rows the same way: a plain list with first/after, whose items carry a cursor', () => {
    const paged = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ where: `${type.name}.${field.name}`, field })))
      .filter(({ field }) => field.args.some((a) => a.name === 'after'));
    // The contract's lists, plus notebooks, apiKeys and the nested ones.
    expect(paged.map((p) => p.where).sort()).toEqual(
      ['apiKeys', 'datasets', 'digests', 'jobRuns', 'jobSchedules', 'models', 'notebooks', 'scenarios'].map((f) => `Query.${f}`).concat(['Dataset.models', 'Dataset.observations', 'Notebook.scenarios']).sort(),
    );
    for (const { where, field } of paged) {
      expect(field.args.map((a) => a.name), where).toEqual(expect.arrayContaining(['first', 'after']));
      const returns = field.type;
      expect(isNonNullType(returns) && isListType(returns.ofType) && isNonNullType(returns.ofType.ofType), `${where} returns ${returns.toString()}`).toBe(true);
      const item = getNamedType(returns);
      expect(isObjectType(item) && item.getFields().cursor?.type.toString(), `${where}: ${item.name}.cursor`).toBe('String');
    }
    expect(Object.keys(schema.getTypeMap()).filter((name) => name.endsWith('Page'))).toEqual([]);
  });
});
