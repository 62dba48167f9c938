/**
 * Loading twin definitions (SPEC TW1, TW2, TW4): the project's own factory TDs, broken files reported
 * with file and JSON path while the others load, and real-world plugfest TDs whose bindings we do not
 * support imported with their forms reported as not bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwinDefinitions, parseTwinDefinition } from '../../../../server/twins/loader.js';
import { planBindings } from '../../../../server/twins/bindings.js';
import type { TwinDefinition } from '../../../../server/twins/definition.js';

const FACTORY = path.resolve('assets/twins');
const REAL = path.resolve('tests/fixtures/twins/real-world');
const read = (file: string) => fs.readFileSync(file, 'utf8');
const cnc = JSON.parse(read(path.join(FACTORY, 'cnc-1.td.json'))) as Record<string, unknown> & { 'tv:twin': Record<string, unknown> };

function parse(file: string, td: unknown) {
  return parseTwinDefinition(`/defs/${file}`, typeof td === 'string' ? td : JSON.stringify(td));
}
function problemsOf(r: ReturnType<typeof parse>) {
  if (!('problems' in r)) throw new Error('expected problems');
  return r.problems;
}
function loaded(r: ReturnType<typeof parse>): TwinDefinition {
  if ('problems' in r) throw new Error(`unexpected problems: ${JSON.stringify(r.problems)}`);
  return r;
}
const plan = (d: TwinDefinition, mqtt = false) => planBindings(d, { mqtt, simulator: true, simulatorActions: new Set() });

describe('factory definitions (TW1)', () => {
  it('TW1: the default space has three different machines, each with properties, actions, alarms, a model and a simulator', async () => {
    const all = await loadTwinDefinitions(FACTORY);
    expect(all.failures).toEqual([]);
    // The factory's cameras are twins too (SPEC VT1), and so is its vehicle (GS7); the machines are the rest.
    expect(all.twins.find((t) => t.id === 'agv-1')?.ext.simulator?.model).toBe('agv');
    const r = { ...all, twins: all.twins.filter((t) => !t.camera && t.id !== 'agv-1') };
    expect(r.twins.map((t) => t.id)).toEqual(['cnc-1', 'conveyor-1', 'pump-1']);
    const models = new Set(r.twins.map((t) => t.ext.simulator?.model));
    expect(models).toEqual(new Set(['spindle', 'conveyor', 'pump']));
    for (const t of r.twins) {
      expect(t.hasExtension).toBe(true);
      expect(t.properties.size).toBeGreaterThanOrEqual(6);
      expect(t.actions.has('start') && t.actions.has('stop') && t.actions.has('setSpeed')).toBe(true);
      expect(t.ext.alarms.length).toBeGreaterThanOrEqual(2);
      expect(t.ext.movable.length).toBe(1);
      expect(t.warnings).toEqual([]);
    }
    const spindle = r.twins[0]!;
    expect(spindle.properties.get('spindleSpeed')).toMatchObject({ unit: 'rpm', numeric: true, readOnly: true });
    expect(spindle.properties.get('motorTemperature')!.alarms.map((a) => a.id)).toEqual(['motorHot']);
    expect(spindle.actions.get('setSpeed')!.setpoint).toMatchObject({ property: 'spindleSpeed', field: 'rpm' });
  });

  it('TW5: with a broker the factory twins bind every property and action to MQTT topics under the TD base', async () => {
    const d = loaded(parse('cnc-1.td.json', cnc));
    const p = plan(d, true);
    expect(p.source).toBe('mqtt');
    expect(p.propertyTopics.get('twinverse/factory/cnc-1/properties/spindleSpeed')).toBe('spindleSpeed');
    expect(p.allPropertiesTopics).toEqual(['twinverse/factory/cnc-1/properties']);
    expect(p.actions.get('setSpeed')).toEqual({ kind: 'mqtt', topic: 'twinverse/factory/cnc-1/actions/setSpeed' });
    expect(p.notes).toEqual([]);
    const sim = planBindings(d, { mqtt: false, simulator: true, simulatorActions: new Set(['start', 'stop', 'setSpeed', 'changeTool']) });
    expect(sim.source).toBe('simulator');
    expect(sim.actions.get('changeTool')).toEqual({ kind: 'simulator' });
    expect(sim.notes.join()).toMatch(/no broker configured/);
  });
});

describe('broken definitions (TW2)', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['not JSON', '{"title": "x",', '$', /not valid JSON/],
    ['no TD context', { ...cnc, '@context': 'https://example.com/ctx' }, '$["@context"]', /TD context/],
    ['no title', { ...cnc, title: '' }, '$.title', /title/],
    ['a property without forms', { ...cnc, properties: { x: { type: 'number', forms: [] } } }, '$.properties.x.forms', /at least one form/],
    [
      'a form without href',
      { ...cnc, properties: { x: { type: 'number', forms: [{ op: 'readproperty' }] } } },
      '$.properties.x.forms[0].href',
      /href|expected string/,
    ],
    [
      'an unknown data type',
      { ...cnc, properties: { x: { type: 'numbr', forms: [{ href: 'a' }] } } },
      '$.properties.x.type',
      /expected one of|Invalid option/i,
    ],
    [
      'a broken input schema',
      { ...cnc, actions: { go: { input: { type: 'object', required: 'yes' }, forms: [{ href: 'a' }] } } },
      '$.actions.go.input',
      /data schema/,
    ],
    [
      'an alarm with both limits',
      withExt({ alarms: [{ id: 'a', property: 'load', above: 1, below: 0, severity: 'info', message: 'm' }] }),
      '$["tv:twin"].alarms[0]',
      /exactly one/,
    ],
    [
      'an alarm on an unknown property',
      withExt({ alarms: [{ id: 'a', property: 'nope', above: 1, severity: 'info', message: 'm' }] }),
      '$["tv:twin"].alarms[0].property',
      /no property "nope"/,
    ],
    [
      'a binding to an unknown part',
      withExt({ bindings: [{ kind: 'rotate', property: 'spindleSpeed', part: 'rotor', axis: 'y', factor: 1 }] }),
      '$["tv:twin"].bindings[0].part',
      /no part "rotor"/,
    ],
    [
      'a ramp that goes down',
      withExt({
        bindings: [
          {
            kind: 'color',
            property: 'load',
            part: 'lamp',
            ramp: [
              { at: 5, color: '#000000' },
              { at: 1, color: '#ffffff' },
            ],
          },
        ],
      }),
      '$["tv:twin"].bindings[0].ramp[1].at',
      /increase/,
    ],
    [
      'a bad colour',
      withExt({
        bindings: [
          {
            kind: 'color',
            property: 'load',
            part: 'lamp',
            ramp: [
              { at: 0, color: 'red' },
              { at: 1, color: '#ffffff' },
            ],
          },
        ],
      }),
      '$["tv:twin"].bindings[0].ramp[0].color',
      /#rrggbb/,
    ],
    ['an unknown simulator model', withExt({ simulator: { model: 'robot' } }), '$["tv:twin"].simulator.model', /./],
    ['a wrong extension version', withExt({ version: 2 }), '$["tv:twin"].version', /./],
  ])('%s → names its JSON path', (_what, td, where, message) => {
    const problems = problemsOf(parse('bad.td.json', td));
    const p = problems.find((x) => x.path === where);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(message);
    expect(p!.file).toBe('/defs/bad.td.json');
  });

  it('TW2: a folder with broken files loads the good ones and reports each bad one with its file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twins-'));
    try {
      fs.copyFileSync(path.join(FACTORY, 'pump-1.td.json'), path.join(dir, 'pump-1.td.json'));
      fs.writeFileSync(path.join(dir, 'half.td.json'), '{"@context":');
      fs.copyFileSync(path.join(REAL, 'targetV.td.jsonld'), path.join(dir, 'targetV.td.jsonld'));
      fs.writeFileSync(path.join(dir, 'Bad Name.json'), JSON.stringify(cnc));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a definition');
      const r = await loadTwinDefinitions(dir);
      expect(r.twins.map((t) => t.id)).toEqual(['pump-1']);
      expect(r.failures.map((f) => path.basename(f.file)).sort()).toEqual(['Bad Name.json', 'half.td.json', 'targetV.td.jsonld']);
      const targetV = r.failures.find((f) => f.file.endsWith('targetV.td.jsonld'))!;
      // The real-world file has a missing comma in its @context: JSON.parse names the position.
      expect(targetV.problems.map((p) => p.message).join('\n')).toMatch(/not valid JSON.*(position|line)/i);
      expect(r.failures.find((f) => f.file.endsWith('Bad Name.json'))!.problems[0]!.message).toMatch(/twin id/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('real-world plugfest TDs (TW4)', () => {
  it('TW4: an HTTP TD (TUM conveyor belt) imports: its property and actions appear; reads are reported as not polled, actions bind as HTTP callbacks', () => {
    const d = loaded(parse('conveyor-belt.td.jsonld', read(path.join(REAL, 'ConveyorBelt1-TUM.td.jsonld'))));
    expect(d.title).toBe('ConveyorBelt1');
    expect(d.hasExtension).toBe(false);
    expect(d.ext.model).toMatchObject({ primitives: [{ id: 'body', shape: 'box' }] });
    expect([...d.properties.keys()]).toEqual(['speed']);
    expect(d.properties.get('speed')).toMatchObject({ type: 'integer', unit: '%' });
    expect(d.properties.get('speed')!.check(50)).toBeNull();
    expect(d.properties.get('speed')!.check(0)).toMatch(/>= 1/);
    expect([...d.actions.keys()]).toEqual(['startBeltForward', 'startBeltBackward', 'stopBelt']);
    const p = plan(d);
    expect(p.source).toBe('none');
    expect(p.actions.get('stopBelt')).toEqual({ kind: 'http', url: 'http://192.168.120.21:8080/ConveyorBelt1/actions/stopBelt' });
    expect(p.notes.join('\n')).toMatch(/not bound, http \(reads are not polled.*\): property speed/);
  });

  it('TW4: a CoAP TD (TUM coffee machine, TD 1.0) imports with every form reported as not bound', () => {
    const d = loaded(parse('coffee.json', read(path.join(REAL, 'VirtualCoffeeMachineCoAP1.json'))));
    expect([...d.properties.keys()]).toEqual(['state', 'waterStatus', 'coffeeStatus', 'binStatus']);
    expect(d.properties.get('state')!.check('Brewing')).toBeNull();
    expect(d.properties.get('state')!.check('Melting')).toMatch(/allowed values/);
    expect(d.actions.get('brew')!.check!('espresso')).toBeNull();
    expect(d.actions.get('brew')!.check!('tea')).toMatch(/allowed values/);
    const notes = plan(d).notes.join('\n');
    expect(notes).toMatch(
      /forms not bound, coap: property state, property waterStatus, property coffeeStatus, property binStatus, action brew, action abort, action shutdown/,
    );
    expect(notes).toMatch(/events not bound \(coap\): event maintenance, event error/);
  });

  it('TW4 TW9: an MQTT events-only TD (Siemens PV system) imports; with a broker its events bind to their topics on our broker (its host is never used), without one they are listed as not bound', () => {
    const d = loaded(parse('pv.json', read(path.join(REAL, 'SolarPower.json'))));
    expect(d.properties.size).toBe(0);
    expect([...d.events.keys()]).toEqual(['status', 'power']);
    expect(d.events.get('power')!.check!(8000)).toMatch(/<= 7500/);
    const p = plan(d, true);
    expect(p.propertyTopics.size).toBe(0);
    expect([...p.eventTopics]).toEqual([
      ['PV-System/events/status', 'status'],
      ['PV-System/events/power', 'power'],
    ]);
    expect(p.notes.join('\n')).not.toMatch(/events not bound/);
    expect(plan(d, false).notes.join('\n')).toMatch(/events not bound \(mqtt: no broker configured\): event status, event power/);
  });

  it('TW4: Modbus and OPC UA forms import and are reported as not bound', () => {
    const d = loaded(parse('meter.td.json', read(path.resolve('tests/fixtures/twins/modbus-opcua-meter.td.json'))));
    expect([...d.properties.keys()]).toEqual(['voltage', 'energy']);
    const notes = plan(d, true).notes.join('\n');
    expect(notes).toMatch(/forms not bound, modbus\+tcp: property voltage, action resetEnergy/);
    expect(notes).toMatch(/forms not bound, opc\.tcp: property energy/);
  });
});

function withExt(ext: Record<string, unknown>): unknown {
  return { ...cnc, 'tv:twin': { ...cnc['tv:twin'], ...ext } };
}
