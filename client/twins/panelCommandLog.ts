/**
 * The panel's command log: the last commands in their own fixed area at the bottom (SPEC PN2), in
 * the TD's words with who sent them and how they ended (commandWords.ts).
 */
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { clockText } from '../core/clock.js';
import { PANEL_COLORS } from '../ui3d/panel.js';
import { commandLine } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import type { PanelSurface } from './panelSurface.js';
import type { TwinInfo } from './store.js';

export class PanelCommandLog {
  private readonly lines: TextBlock[];

  constructor(
    s: PanelSurface,
    private readonly def: TwinDefinition,
  ) {
    this.lines = s.layout.log.map((r, i) => s.line(`log-${i}`, r, '', s.layout.text.note, PANEL_COLORS.muted));
  }

  /** `me` is my session id (my commands read "you"); `now` dates the lines. */
  update(info: TwinInfo, me: string | null, now: number): void {
    this.lines.forEach((line, i) => {
      const c = info.commands[i];
      if (!c) {
        line.text = i === 0 && info.commands.length === 0 ? 'No commands yet' : '';
        line.color = PANEL_COLORS.muted;
        return;
      }
      const w = commandLine(this.def, c, c.by === me ? 'you' : c.byName);
      line.text = `${clockText(c.at, { now })}  ${w.text}`;
      line.color = w.color;
    });
  }
}
