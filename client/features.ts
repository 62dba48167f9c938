/**
 * The client's features, composed by main.ts after the core (hall, desktop body, avatars, network).
 * A new capability adds one line here. XR is loaded only where the browser can run it (or a test
 * build emulates a headset), so desktop users never download it.
 */
import { createTwinsFeature } from './twins/feature.js';
import { detectXrSupport } from './xr/support.js';
import type { ClientFeatureFactory } from './context/context.js';
import { createMeetingFeature } from './meeting/feature.js';
import { createTimelineFeature } from './timeline/feature.js';
import { createReactionsFeature } from './meeting/reactions/feature.js';
import { createVideoFeature } from './video/feature.js';
import { createBuildingFeature } from './bim/feature.js';
import { createGeoFeature } from './geo/feature.js';

const createXr: ClientFeatureFactory = async (ctx) => {
  const emulated = import.meta.env.MODE === 'test' && new URLSearchParams(location.search).has('xr');
  const support = emulated ? null : await detectXrSupport();
  if (support && !support.vr && !support.ar) return { name: 'xr' };
  const { createXrFeature } = await import('./xr/session.js');
  return createXrFeature(ctx);
};

export const CLIENT_FEATURES: readonly ClientFeatureFactory[] = [
  createMeetingFeature,
  createTwinsFeature,
  createTimelineFeature,
  createReactionsFeature,
  createVideoFeature,
  createBuildingFeature,
  createGeoFeature,
  createXr,
];
