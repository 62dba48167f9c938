/** Commands in the TD's words, on the panel and in notices (SPEC PN5). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDefinition } from '../../../../client/twins/definitions.js';
import { choiceWords, commandLine, commandWhat } from '../../../../client/twins/commandWords.js';
import type { CommandInfo } from '../../../../client/twins/store.js';

const def = (id: string) => readDefinition(id, JSON.parse(fs.readFileSync(`assets/twins/${id}.td.json`, 'utf8')));
const command = (action: string, input: string, status: CommandInfo['status'] = 'acknowledged', reason = ''): CommandInfo => ({
  id: 'c1',
  action,
  input,
  by: 's1',
  byName: 'Ada',
  status,
  reason,
  at: 1,
  doneAt: 2,
});

describe('command words (SPEC PN5)', () => {
  it('PN5: a set-point reads as its property in the TD words, with the unit', () => {
    const pump = def('pump-1');
    expect(commandLine(pump, command('setSpeed', '{"percent":79}'), 'Ada', pump.title).text).toBe(
      'Coolant pump 1: speed set to 79 % by Ada ✓',
    );
    const cnc = def('cnc-1');
    expect(commandWhat(cnc, command('setSpeed', '{"rpm":8000}'))).toBe('spindle speed set to 8000 rpm');
    expect(commandWhat(def('conveyor-1'), command('setSpeed', '{"speed":1.2345}'))).toBe('belt speed set to 1.23 m/s');
  });

  it('PN5: other actions read as their titles, choices with the value; outcomes as marks and reasons', () => {
    const cnc = def('cnc-1');
    expect(commandLine(cnc, command('start', ''), 'you').text).toBe('Start by you ✓');
    expect(commandWhat(cnc, command('injectFault', '{"fault":"overheating"}'))).toBe('Inject fault (simulation): Overheating');
    expect(commandWhat(cnc, command('injectFault', '{"fault":"bearingWear"}'))).toBe('Inject fault (simulation): Bearing wear');
    expect(commandLine(cnc, command('stop', '', 'refused', 'interlock open'), 'Bo').text).toBe('Stop by Bo ✗ refused: interlock open');
    expect(commandLine(cnc, command('stop', '', 'timed_out'), 'Bo').text).toBe('Stop by Bo ⏱ not answered (timed out)');
    expect(commandLine(cnc, command('start', '', 'pending'), 'Bo').text).toBe('Start by Bo … waiting for the machine');
    // An action the TD does not declare (a definition from elsewhere) falls back to its name, never JSON.
    expect(commandWhat(cnc, command('mystery', '{"a":[1,2]}'))).toBe('mystery');
  });

  it('PN5: a choice reads as words, not as the identifier the TD names it by', () => {
    expect(choiceWords('bearingWear')).toBe('Bearing wear');
    expect(choiceWords('clogged_filter')).toBe('Clogged filter');
    expect(choiceWords('jam')).toBe('Jam');
    expect(choiceWords(3)).toBe('3');
  });
});
