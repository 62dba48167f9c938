/**
 * The panel's active alarms: a fixed number of lines (their place never moves, SPEC PN2); when
 * there are more alarms than lines, the last line says how many more.
 */
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { formatQuantity } from '../../shared/twin/format.js';
import { PANEL_COLORS } from '../ui3d/panel.js';
import { shapeOf } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import type { PanelSurface } from './panelSurface.js';
import type { TwinInfo } from './store.js';
import { SEVERITY_COLORS } from './twinView.js';

export class PanelAlarmLines {
  private readonly lines: TextBlock[];

  constructor(
    s: PanelSurface,
    private readonly def: TwinDefinition,
  ) {
    this.lines = s.layout.alarms.map((r, i) => s.line(`alarm-${i}`, r, '', 28, PANEL_COLORS.text, true));
  }

  update(info: TwinInfo): void {
    const alarms = info.alarms;
    this.lines.forEach((line, i) => {
      const a = alarms[i];
      const more = i === this.lines.length - 1 && alarms.length > this.lines.length;
      if (!a) line.text = i === 0 ? 'No active alarm' : '';
      else if (more) line.text = `⚠ and ${alarms.length - i} more alarms (see the Alarms list)`;
      else {
        const shape = shapeOf(this.def.properties[a.property]);
        line.text = `⚠ ${a.message} (${formatQuantity(a.value, shape)})`;
      }
      line.color = a ? SEVERITY_COLORS[a.severity] : PANEL_COLORS.muted;
    });
  }
}
