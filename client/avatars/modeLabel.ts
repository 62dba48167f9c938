/** How a person is present, in the words the people list and the VR menu use (SPEC UX10). */
import type { ClientMode } from '../../shared/protocol/values.js';

const MODE_LABEL: Record<ClientMode, string> = {
  desktop: 'desktop',
  phone: 'on a phone',
  tablet: 'on a tablet',
  vr: 'in VR',
  ar: 'in AR',
};

/** A mode a newer server may send that this client does not know shows as it came. */
export const modeLabel = (mode: string): string => (MODE_LABEL as Record<string, string>)[mode] ?? mode;
