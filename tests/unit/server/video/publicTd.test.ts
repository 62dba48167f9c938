/** SPEC VT3: an RTSP camera's URL (and its credentials) never leaves the server. */
import { describe, expect, it } from 'vitest';
import { publicTd, withoutCredentials } from '../../../../server/video/publicTd.js';

const URL = 'rtsp://admin:s3cret@10.0.0.7:554/stream1';

describe('served camera TDs', () => {
  it('VT3: the served TD says only the kind of source; a test source and TDs without a camera are as they were', () => {
    const td = { title: 'Cam', 'tv:camera': { version: 1, source: URL, fovDeg: 50 } };
    const served = publicTd(td);
    expect(served['tv:camera']).toEqual({ version: 1, source: 'rtsp', fovDeg: 50 });
    expect(JSON.stringify(served)).not.toContain('s3cret');
    expect(td['tv:camera'].source).toBe(URL);
    expect(publicTd({ 'tv:camera': { source: 'test' } })).toEqual({ 'tv:camera': { source: 'test' } });
    const plain = { title: 'Pump' };
    expect(publicTd(plain)).toBe(plain);
  });

  it('VT3: an ffmpeg error line quoting the URL (or any rtsp URL with a user) loses the credentials', () => {
    expect(withoutCredentials(`${URL}: Connection refused`, URL)).toBe('rtsp://…@10.0.0.7:554/stream1: Connection refused');
    expect(withoutCredentials('rtsp://u:p@cam.local/x 401 Unauthorized', 'test')).toBe('rtsp://…@cam.local/x 401 Unauthorized');
    expect(withoutCredentials('Connection timed out', URL)).toBe('Connection timed out');
  });
});
