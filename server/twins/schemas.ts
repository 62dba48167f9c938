/**
 * JSON Schema validation of values and action inputs against a TD's DataSchemas (ajv, the reference
 * JSON Schema validator for JavaScript). TD DataSchemas carry terms JSON Schema does not know
 * (`unit`, `forms`, `observable` …): `strict: false` ignores them instead of refusing the schema.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DataSchema } from '../../shared/twin/td.js';

export type ValueCheck = (value: unknown) => string | null;

/** Members of an affordance that are not part of its value's schema. */
const AFFORDANCE_ONLY = new Set(['forms', 'observable', 'uriVariables', '@type', 'titles', 'descriptions']);

export function createSchemaCompiler(): (schema: DataSchema) => ValueCheck {
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return (schema) => {
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) if (!AFFORDANCE_ONLY.has(k) && !k.includes(':')) clean[k] = v;
    // readOnly/writeOnly describe the interaction, not the value: JSON Schema would treat them as annotations anyway.
    const validate: ValidateFunction = ajv.compile(clean);
    return (value) => (validate(value) ? null : describeErrors(validate.errors));
  };
}

/** One line naming where in the value the first problem is and what it is. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'invalid value';
  const where = e.instancePath ? `value${e.instancePath.replaceAll('/', '.')}` : 'value';
  return `${where} ${e.message ?? 'is invalid'}`;
}
