/**
 * Structural checks of a Thing Description: the subset Twinverse relies on, by hand with zod/mini
 * rather than the full W3C TD 1.1 JSON Schema — that schema refuses real plugfest TDs for details we
 * do not use (an empty `@type`, a missing `securityDefinitions`), and the issue asks that such TDs
 * still import. What we need is checked strictly; everything else is kept as it is.
 */
import { z } from '../../shared/protocol/validation.js';

/** The TD context IRIs we accept (TD 1.0 and 1.1). */
export const TD_CONTEXTS = ['https://www.w3.org/2019/wot/td/v1', 'https://www.w3.org/2022/wot/td/v1.1'];

const FormShape = z.looseObject({
  href: z.string().check(z.minLength(1, 'a form needs an href')),
  op: z.optional(z.union([z.string(), z.array(z.string())])),
  contentType: z.optional(z.string()),
});

const DataSchemaShape = z.looseObject({
  type: z.optional(z.enum(['number', 'integer', 'boolean', 'string', 'object', 'array', 'null'])),
  unit: z.optional(z.string()),
  minimum: z.optional(z.number()),
  maximum: z.optional(z.number()),
  readOnly: z.optional(z.boolean()),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
});

const forms = z.array(FormShape).check(z.minLength(1, 'an affordance needs at least one form'));

const PropertyShape = z.looseObject({ ...DataSchemaShape.shape, forms });
const ActionShape = z.looseObject({
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  input: z.optional(DataSchemaShape),
  forms,
});
const EventShape = z.looseObject({ title: z.optional(z.string()), data: z.optional(DataSchemaShape), forms });

const declaresTdContext = (ctx: unknown): boolean =>
  typeof ctx === 'string'
    ? TD_CONTEXTS.includes(ctx)
    : Array.isArray(ctx) && ctx.some((c) => typeof c === 'string' && TD_CONTEXTS.includes(c));

export const TdShape = z.looseObject({
  '@context': z.unknown().check(z.refine(declaresTdContext, `@context must name the TD context (${TD_CONTEXTS.join(' or ')})`)),
  title: z.string().check(z.minLength(1, 'a Thing needs a title')),
  id: z.optional(z.string()),
  description: z.optional(z.string()),
  base: z.optional(z.string()),
  properties: z.optional(z.record(z.string(), PropertyShape)),
  actions: z.optional(z.record(z.string(), ActionShape)),
  events: z.optional(z.record(z.string(), EventShape)),
  forms: z.optional(z.array(FormShape)),
});
