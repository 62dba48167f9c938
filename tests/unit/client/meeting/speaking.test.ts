import { describe, expect, it } from 'vitest';
import { rms, SpeakingDetector } from '../../../../client/meeting/voice/speaking.js';

describe('speaking indicator (SPEC V7)', () => {
  it('turns on above the threshold and holds through short pauses', () => {
    const d = new SpeakingDetector(0.02, 0.01, 300);
    expect(d.update(0.001, 0)).toBe(false);
    expect(d.update(0.05, 50)).toBe(true);
    expect(d.update(0.0, 200)).toBe(true);
    expect(d.update(0.015, 400)).toBe(true);
    expect(d.update(0.0, 650)).toBe(true);
    expect(d.update(0.0, 750)).toBe(false);
  });

  it('measures RMS', () => {
    expect(rms(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5, 6);
    expect(rms(new Float32Array(8))).toBe(0);
  });
});
