/** Which immersive modes this browser can run, asked once at start. */
export interface XrSupport {
  vr: boolean;
  ar: boolean;
}

export async function detectXrSupport(): Promise<XrSupport> {
  const xr = (navigator as Navigator & { xr?: { isSessionSupported(mode: string): Promise<boolean> } }).xr;
  if (!xr) return { vr: false, ar: false };
  const ask = (mode: string) => xr.isSessionSupported(mode).catch(() => false);
  const [vr, ar] = await Promise.all([ask('immersive-vr'), ask('immersive-ar')]);
  return { vr, ar };
}
