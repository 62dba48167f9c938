/**
 * The panel's status lines under the title: data quality and source (and "view only" for people
 * who may not operate), and who else is looking at the same machine.
 */
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { PANEL_COLORS } from '../ui3d/panel.js';
import type { PanelSurface } from './panelSurface.js';
import { QUALITY_COLOR } from './panelValues.js';
import type { TwinInfo } from './store.js';

const QUALITY_WORDS = {
  good: '● live',
  bad: '● bad data',
  no_data: '● no data recorded then',
  stale: '● no live data (stale)',
} as const;

export class PanelStatus {
  private readonly status: TextBlock;
  private readonly viewers: TextBlock;

  constructor(s: PanelSurface) {
    this.status = s.line('status', s.layout.status, '', 28, PANEL_COLORS.muted);
    this.viewers = s.line('viewers', s.layout.viewers, '', 28, '#c9d7e3');
  }

  update(info: TwinInfo, me: string | null, canOperate: boolean): void {
    const viewOnly = canOperate ? '' : ' · view only: operating needs the operator passcode';
    const quality = QUALITY_WORDS[info.quality] ?? QUALITY_WORDS.stale;
    this.status.text = `${quality} · source: ${info.source}${viewOnly}`;
    this.status.color = QUALITY_COLOR[info.quality] ?? PANEL_COLORS.muted;
    const others = [...info.viewers.entries()].filter(([id]) => id !== me).map(([, n]) => n);
    this.viewers.text = others.length ? `Also looking: ${others.join(', ')}` : '';
  }
}
