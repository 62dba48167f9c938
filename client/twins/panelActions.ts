/**
 * The panel's actions: a button for an action without input (red, and asking first, when it is
 * stop-class), a slider with its Apply button for a number, a row of buttons for a choice. Sliders
 * follow the machine's set-point until a person moves them (SPEC PN4).
 */
import { Slider } from '@babylonjs/gui/2D/controls/sliders/slider.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { needsConfirmation } from '../../shared/twin/actionSafety.js';
import { formatQuantity } from '../../shared/twin/format.js';
import { PANEL_COLORS } from '../ui3d/panel.js';
import { describeInput, sliderStart, type ActionInput } from './actionInput.js';
import { choiceWords } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import type { PanelSurface } from './panelSurface.js';
import type { TwinInfo } from './store.js';

export interface ActionDeps {
  definition: TwinDefinition;
  command(action: string, input?: unknown): void;
  /** A stop-class action was pressed: ask before sending it (panelConfirm.ts). */
  ask(action: string): void;
}

interface SliderRow {
  input: Extract<ActionInput, { kind: 'number' }>;
  slider: Slider;
  label: TextBlock;
  title: string;
  /** The user moved it: it no longer follows the machine's set-point. */
  touched: boolean;
}

export class PanelActions {
  private readonly sliders = new Map<string, SliderRow>();

  constructor(
    private readonly s: PanelSurface,
    private readonly d: ActionDeps,
  ) {
    const l = s.layout;
    s.line('actions-title', l.actionsTitle, 'Actions', 28, PANEL_COLORS.muted, true);
    for (const [name, action] of Object.entries(d.definition.actions)) {
      const title = action.title ?? name;
      const input = describeInput(action.input);
      if (input.kind === 'none') {
        const confirm = needsConfirmation(action);
        const b = s.press(name, l.buttons.get(name)!, title, () => (confirm ? d.ask(name) : d.command(name)));
        if (confirm) b.background = PANEL_COLORS.danger;
      } else if (input.kind === 'number') {
        this.addSlider(name, title, input);
      } else if (input.kind === 'choice') {
        s.line(`${name}-label`, l.labels.get(name)!, `${title}:`, l.text.note, PANEL_COLORS.muted);
        for (const v of input.values)
          s.press(`${name}:${v}`, l.buttons.get(`${name}:${v}`)!, choiceWords(v), () =>
            d.command(name, input.field ? { [input.field]: v } : v),
          );
      }
    }
  }

  private addSlider(name: string, title: string, input: Extract<ActionInput, { kind: 'number' }>): void {
    const { s, d } = this;
    const l = s.layout;
    const label = s.line(`${name}-label`, l.labels.get(name)!, title, l.text.note, PANEL_COLORS.text);
    const slider = s.put(new Slider(`${d.definition.id}-${name}-slider`), l.sliders.get(name)!);
    slider.minimum = input.min;
    slider.maximum = input.max;
    slider.step = input.step;
    slider.value = (input.min + input.max) / 2;
    slider.color = PANEL_COLORS.buttonActive;
    slider.background = PANEL_COLORS.button;
    slider.thumbWidth = '28px';
    const row: SliderRow = { input, slider, label, title, touched: false };
    this.sliders.set(name, row);
    s.register(`${name}:slider`, slider);
    // Only a person's hand makes it stop following the set-point, not the panel setting it.
    slider.onPointerDownObservable.add(() => (row.touched = true));
    slider.onValueChangedObservable.add(() => sliderLabel(row));
    s.press(name, l.buttons.get(name)!, 'Apply', () => {
      d.command(name, input.field ? { [input.field]: slider.value } : slider.value);
      row.touched = false;
    });
    sliderLabel(row);
  }

  /** Sliders nobody has touched move to the machine's desired or reported set-point. */
  update(info: TwinInfo): void {
    for (const [name, row] of this.sliders) {
      if (row.touched) continue;
      row.slider.value = sliderStart(row.input, name, this.d.definition.ext.setpoints, info.properties);
      sliderLabel(row);
    }
  }
}

function sliderLabel(row: SliderRow): void {
  const shape = { unit: row.input.unit, type: row.input.integer ? 'integer' : 'number', minimum: row.input.min, maximum: row.input.max };
  row.label.text = `${row.title}: ${formatQuantity(row.slider.value, shape)}`;
}
