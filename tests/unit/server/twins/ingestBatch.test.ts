import { describe, expect, it } from 'vitest';
import { readBatch } from '../../../../server/twins/ingestBatch.js';

const none = () => false;

describe('the ingest batch every source reads (SPEC H6, MQ2, S3)', () => {
  it('H6 MQ2: a plain object is one value per property, without a source time', () => {
    expect(readBatch({ speed: 1, temp: 40 }, none)).toEqual({ ok: true, batch: { values: { speed: 1, temp: 40 }, ts: undefined } });
  });

  it('H6 MQ2: { ts, values } is the envelope; ts is optional', () => {
    expect(readBatch({ ts: 1_700_000_000_000, values: { speed: 1 } }, none)).toEqual({
      ok: true,
      batch: { values: { speed: 1 }, ts: 1_700_000_000_000 },
    });
    expect(readBatch({ values: { speed: 1 } }, none)).toEqual({ ok: true, batch: { values: { speed: 1 }, ts: undefined } });
  });

  it('H6 MQ2: a twin with a property named "values" gets it as a value, not as an envelope', () => {
    const hasValues = (name: string) => name === 'values';
    expect(readBatch({ values: { a: 1 } }, hasValues)).toEqual({ ok: true, batch: { values: { values: { a: 1 } }, ts: undefined } });
  });

  it('H6 MQ2: "values" that is not an object (array, number) is an ordinary member', () => {
    expect(readBatch({ values: [1, 2] }, none)).toEqual({ ok: true, batch: { values: { values: [1, 2] }, ts: undefined } });
    expect(readBatch({ values: 3 }, none)).toEqual({ ok: true, batch: { values: { values: 3 }, ts: undefined } });
  });

  it('H6 MQ2: anything but an object, or an envelope whose ts is not a number, is refused with a reason', () => {
    for (const bad of [null, 3, 'text', [1, 2], true]) {
      const r = readBatch(bad, none);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatch(/object of property values/);
    }
    const r = readBatch({ ts: 'yesterday', values: { speed: 1 } }, none);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/^ts: /);
  });
});
