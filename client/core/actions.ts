/**
 * Named actions a feature offers to menus (the VR menu, later others): "mute", "raise hand" … A
 * feature registers them; menus list them. The VR menu then needs no knowledge of meetings or twins.
 */
import { Listeners } from './listeners.js';

export interface MenuAction {
  readonly id: string;
  /** Button text now (e.g. "Mute" / "Unmute"). */
  label(): string;
  /** Whether the action is "on" now (drawn highlighted). */
  active?(): boolean;
  run(): void;
}

export class ActionRegistry {
  private readonly actions = new Map<string, MenuAction>();
  private readonly listeners = new Listeners<void>();

  register(action: MenuAction): () => void {
    this.actions.set(action.id, action);
    this.changed();
    return () => {
      this.actions.delete(action.id);
      this.changed();
    };
  }

  get(id: string): MenuAction | undefined {
    return this.actions.get(id);
  }

  list(): MenuAction[] {
    return [...this.actions.values()];
  }

  /** Call when a label or active state changed, so menus redraw. */
  changed(): void {
    this.listeners.emit();
  }

  onChange(l: () => void): () => void {
    return this.listeners.add(l);
  }
}
