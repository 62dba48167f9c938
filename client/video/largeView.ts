/**
 * A camera opened large on the desktop (SPEC VC2): an overlay with the live video, its name, a button
 * that projects the camera's picture onto the scene it sees (VC5) and a close button; Escape closes it.
 * In VR the screen itself grows instead (HTML does not show in XR).
 */
import { el } from '../core/dom.js';

export interface LargeView {
  readonly element: HTMLElement;
  readonly openId: string | null;
  open(id: string, title: string, stream: MediaStream | null, projected: boolean): void;
  /** Shows whether the open camera is projected. */
  setProjected(on: boolean): void;
  close(): void;
  dispose(): void;
}

/** `project(id, on)` switches a camera's projection and says whether it is on now. */
export function createLargeView(project: (id: string, on: boolean) => boolean): LargeView {
  const video = el('video', { class: 'camera-large-video', muted: true, autoplay: true, playsinline: true });
  video.muted = true;
  const title = el('div', { class: 'camera-large-title' });
  const projectButton = el('button', {
    type: 'button',
    class: 'button',
    id: 'camera-project',
    title: 'Lay this camera’s live picture onto the floor, machines and walls it sees (for me only)',
  });
  const close = el('button', { type: 'button', class: 'button', 'aria-label': 'Close the camera' }, 'Close');
  const buttons = el('div', { class: 'camera-large-buttons' }, projectButton, close);
  const element = el('div', { class: 'camera-large', id: 'camera-large', role: 'dialog', hidden: true }, title, video, buttons);
  let openId: string | null = null;
  const setProjected = (on: boolean) => {
    projectButton.textContent = on ? 'Stop projecting' : 'Project onto the scene';
    projectButton.setAttribute('aria-pressed', String(on));
  };
  const hide = () => {
    openId = null;
    element.hidden = true;
    video.srcObject = null;
  };
  close.addEventListener('click', hide);
  projectButton.addEventListener('click', () => {
    if (openId) setProjected(project(openId, projectButton.getAttribute('aria-pressed') !== 'true'));
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && openId) hide();
  };
  window.addEventListener('keydown', onKey);
  return {
    element,
    get openId() {
      return openId;
    },
    open(id, text, stream, projected) {
      openId = id;
      title.textContent = text;
      setProjected(projected);
      video.srcObject = stream;
      void video.play().catch(() => undefined);
      element.hidden = false;
    },
    setProjected,
    close: hide,
    dispose() {
      window.removeEventListener('keydown', onKey);
      element.remove();
    },
  };
}
