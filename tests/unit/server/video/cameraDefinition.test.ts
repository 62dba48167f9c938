/**
 * Camera twins' definitions (SPEC VT1, VT2): the factory's two cameras load with their `tv:camera`
 * member; a broken member or a missing camera property is reported with its JSON path and the file is
 * skipped; the video feed, not MQTT or the simulator, is a camera's source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwinDefinitions, parseTwinDefinition } from '../../../../server/twins/loader.js';
import { planBindings } from '../../../../server/twins/bindings.js';
import { ffmpegArgs } from '../../../../server/video/ffmpegArgs.js';
import { publicTd } from '../../../../server/video/publicTd.js';

const FACTORY = path.resolve('assets/twins');
const cam1 = () => JSON.parse(fs.readFileSync(path.join(FACTORY, 'cam-1.td.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const parse = (td: unknown) => parseTwinDefinition('/defs/cam-9.td.json', JSON.stringify(td));
const problems = (r: ReturnType<typeof parse>) => ('problems' in r ? r.problems.map((p) => `${p.path}: ${p.message}`) : []);

describe('camera definitions', () => {
  it('VT1: the factory has cameras over the CNC mill and over the aisle, placed in its layout', async () => {
    const r = await loadTwinDefinitions(FACTORY);
    const cams = r.twins.filter((t) => t.camera);
    expect(cams.map((t) => t.id)).toEqual(['cam-1', 'cam-2', 'cam-3']);
    expect(cams[0]!.camera).toMatchObject({ source: 'test', looksAt: 'cnc-1', width: 640, height: 360, fps: 15 });
    const layout = JSON.parse(fs.readFileSync('assets/spaces/factory.json', 'utf8')) as { twins: { twin: string }[] };
    expect(layout.twins.map((t) => t.twin)).toEqual(expect.arrayContaining(['cam-1', 'cam-2', 'cam-3']));
    for (const c of cams) expect(planBindings(c, { mqtt: true, simulator: true, simulatorActions: new Set() }).source).toBe('video');
  });

  it('CP1: cam-3 is a walk-around camera a page publishes (source "publish"), placed in the factory; its served TD says so', async () => {
    const r = await loadTwinDefinitions(FACTORY);
    const cam3 = r.twins.find((t) => t.id === 'cam-3')!;
    expect(cam3.camera).toMatchObject({ source: 'publish' });
    expect(planBindings(cam3, { mqtt: true, simulator: true, simulatorActions: new Set() }).source).toBe('video');
    const layout = JSON.parse(fs.readFileSync('assets/spaces/factory.json', 'utf8')) as { twins: { twin: string }[] };
    expect(layout.twins.map((t) => t.twin)).toContain('cam-3');
    expect(publicTd({ 'tv:camera': { source: 'publish' } })).toEqual({ 'tv:camera': { source: 'publish' } });
    // "publish" is a kind, not a prefix: anything else that is not an rtsp:// URL is still refused.
    const td = cam1();
    td['tv:camera'] = { ...td['tv:camera'], source: 'publish://phone' };
    expect(problems(parse(td))).toEqual(['$["tv:camera"].source: a camera source is "test", "publish" or an rtsp:// URL']);
  });

  it('VT1: a tv:camera member that does not validate is reported with the JSON path of each problem', () => {
    const td = cam1();
    td['tv:camera'] = { ...td['tv:camera'], source: 'http://cam.example/feed', fovDeg: 200, extra: 1 };
    const found = problems(parse(td));
    expect(found).toEqual(
      expect.arrayContaining([
        '$["tv:camera"].source: a camera source is "test", "publish" or an rtsp:// URL',
        expect.stringMatching(/^\$\["tv:camera"\]\.fovDeg: .*150/),
        expect.stringMatching(/^\$\["tv:camera"\]: .*"extra"/),
      ]),
    );
  });

  it('VT2: a camera must declare online, resolution, fps, offlineReason and since, of their types', () => {
    const td = cam1();
    delete td.properties!.since;
    (td.properties!.online as Record<string, unknown>).type = 'string';
    const found = problems(parse(td));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/properties\.since.*"since" of type string/),
        expect.stringMatching(/properties\.online.*"online" of type boolean/),
      ]),
    );
  });

  it('VS1: the test source draws the name; an RTSP source is pulled over TCP; both send RTP video to loopback only', () => {
    const td = cam1();
    const r = parse(td);
    if ('problems' in r) throw new Error(JSON.stringify(r.problems));
    const test = ffmpegArgs("Cam 'one': %{x}", r.camera!, 40000);
    expect(test).toContain('testsrc2=size=640x360:rate=15');
    // drawtext's own syntax characters are dropped from the name: a title cannot inject a filter.
    expect(test.find((a) => a.startsWith('drawtext'))).toMatch(/^drawtext=text='Cam  one     x   %\{localtime/);
    expect(test.at(-1)).toBe('rtp://127.0.0.1:40000?pkt_size=1200');
    const rtsp = ffmpegArgs('x', { ...r.camera!, source: 'rtsp://user:pw@10.0.0.9:554/stream1' }, 40001);
    expect(rtsp[rtsp.indexOf('-rtsp_transport') + 1]).toBe('tcp');
    expect(rtsp).toContain('rtsp://user:pw@10.0.0.9:554/stream1');
    expect(rtsp).toContain('libvpx');
  });

  it('VS5: an RTSP camera is read live (no probe holding packets, no input buffer) and keeps its own timestamps; the test pattern is paced', () => {
    const r = parse(cam1());
    if ('problems' in r) throw new Error(JSON.stringify(r.problems));
    const rtsp = ffmpegArgs('x', { ...r.camera!, source: 'rtsp://10.0.0.9:554/stream1' }, 40001);
    const input = rtsp.slice(0, rtsp.indexOf('-i'));
    expect(input.join(' ')).toContain('-fflags nobuffer -flags low_delay -probesize 32 -analyzeduration 0');
    // Neither paced nor stamped with the wall clock: the output's pace is the camera's (liveLag.ts).
    expect(input).not.toContain('-re');
    expect(rtsp).not.toContain('-use_wallclock_as_timestamps');
    expect(ffmpegArgs('x', r.camera!, 40000)).toContain('-re');
  });
});
