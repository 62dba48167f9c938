/**
 * The panel's confirmation bar (SPEC PN3): empty until a stop-class action asks, then "Stop
 * Coolant pump 1?" with Cancel and "Yes, stop" far from the button that asked. A press on the
 * confirmation sooner than CONFIRM_DELAY_MS after it appeared is ignored.
 */
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { PANEL_COLORS } from '../ui3d/panel.js';
import type { TwinDefinition } from './definitions.js';
import { WORD_WRAP_ELLIPSIS, type PanelSurface } from './panelSurface.js';

/** A confirmation pressed sooner than this after it appeared is ignored: a shaking ray or a double click. */
export const CONFIRM_DELAY_MS = 400;

export interface ConfirmDeps {
  definition: TwinDefinition;
  command(action: string): void;
  /** The clock, ms since the Unix epoch. */
  now(): number;
}

export class PanelConfirm {
  private readonly question: TextBlock;
  private readonly confirmButton: Button;
  private readonly cancelButton: Button;
  private armed: { action: string; at: number } | null = null;

  constructor(
    s: PanelSurface,
    private readonly d: ConfirmDeps,
  ) {
    const l = s.layout;
    this.question = s.line('confirm-text', l.confirmText, '', 28, '#f3a712', true);
    // Two lines at most: a long machine name ends in "…" rather than spilling out of the bar.
    this.question.textWrapping = WORD_WRAP_ELLIPSIS;
    this.cancelButton = s.press('cancel', l.cancel, 'Cancel', () => this.disarm());
    this.confirmButton = s.press('confirm', l.confirm, 'Confirm', () => this.confirm());
    this.confirmButton.background = PANEL_COLORS.danger;
    this.disarm();
  }

  /** Asks whether `action` should really be sent. */
  arm(action: string): void {
    const title = this.d.definition.actions[action]?.title ?? action;
    this.armed = { action, at: this.d.now() };
    this.question.text = `${title} ${this.d.definition.title}?`;
    if (this.confirmButton.textBlock) this.confirmButton.textBlock.text = `Yes, ${title.toLowerCase()}`;
    this.question.isVisible = this.confirmButton.isVisible = this.cancelButton.isVisible = true;
  }

  private disarm(): void {
    this.armed = null;
    this.question.text = '';
    this.question.isVisible = this.confirmButton.isVisible = this.cancelButton.isVisible = false;
  }

  private confirm(): void {
    const a = this.armed;
    if (!a || this.d.now() - a.at < CONFIRM_DELAY_MS) return;
    this.disarm();
    this.d.command(a.action);
  }

  /** The action waiting for confirmation, and whether Confirm takes a press yet (test API). */
  state(): { action: string; ready: boolean } | null {
    return this.armed ? { action: this.armed.action, ready: this.d.now() - this.armed.at >= CONFIRM_DELAY_MS } : null;
  }
}
