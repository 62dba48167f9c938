/**
 * Where the keyboard goes when a text box or button is done with it: the scene (the canvas), so W A S D
 * walk again. Left in the chat box, WASD typed letters; left on "Copy link", they did nothing (SPEC UX3).
 */
const SCENE_ID = 'scene';

/** Moves the keyboard focus to the scene's canvas (it takes focus without entering the tab order). */
export function focusScene(): void {
  const canvas = document.getElementById(SCENE_ID);
  if (!canvas) return;
  if (!canvas.hasAttribute('tabindex')) canvas.setAttribute('tabindex', '-1');
  canvas.focus({ preventScroll: true });
}

const isTextField = (t: EventTarget | null): t is HTMLElement =>
  t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);

/**
 * Esc in any text field leaves it for the scene. Listens in the capture phase: fields that stop their
 * keys from bubbling (so typing is not walking) still let Esc out. Returns the uninstaller.
 */
export function installEscapeToScene(target: Window = window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !isTextField(e.target)) return;
    e.target.blur();
    focusScene();
  };
  target.addEventListener('keydown', onKey, true);
  return () => target.removeEventListener('keydown', onKey, true);
}
