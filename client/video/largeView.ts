/**
 * A camera opened large on the desktop (SPEC VC2): an overlay with the live video, its name and a
 * close button; Escape closes it. In VR the screen itself grows instead (HTML does not show in XR).
 */
import { el } from '../core/dom.js';

export interface LargeView {
  readonly element: HTMLElement;
  readonly openId: string | null;
  open(id: string, title: string, stream: MediaStream | null): void;
  close(): void;
  dispose(): void;
}

export function createLargeView(): LargeView {
  const video = el('video', { class: 'camera-large-video', muted: true, autoplay: true, playsinline: true });
  video.muted = true;
  const title = el('div', { class: 'camera-large-title' });
  const close = el('button', { type: 'button', class: 'button', 'aria-label': 'Close the camera' }, 'Close');
  const element = el('div', { class: 'camera-large', id: 'camera-large', role: 'dialog', hidden: true }, title, video, close);
  let openId: string | null = null;
  const hide = () => {
    openId = null;
    element.hidden = true;
    video.srcObject = null;
  };
  close.addEventListener('click', hide);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && openId) hide();
  };
  window.addEventListener('keydown', onKey);
  return {
    element,
    get openId() {
      return openId;
    },
    open(id, text, stream) {
      openId = id;
      title.textContent = text;
      video.srcObject = stream;
      void video.play().catch(() => undefined);
      element.hidden = false;
    },
    close: hide,
    dispose() {
      window.removeEventListener('keydown', onKey);
      element.remove();
    },
  };
}
