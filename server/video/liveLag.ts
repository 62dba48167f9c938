/**
 * How far a camera feed has fallen behind live (SPEC VS5), read from ffmpeg's RTP packets alone. A
 * packet's RTP timestamp is its picture's time on the source's clock (90 kHz for video: ffmpeg keeps
 * the camera's own timing, or the test pattern's paced one); the wall clock says when it arrived.
 * Their difference is constant while the reader keeps pace, so the run's smallest difference is
 * "live", and a packet's lag is how much later than that it came. A reader that stalled and now
 * works through the camera's backlog sends pictures seconds late; one starved of CPU falls further
 * behind with every second.
 *
 * Plain numbers in and out (no clock of its own), so it is tested with made-up arrivals.
 */

/** RTP clock rate of video (RFC 3551): ticks per millisecond. */
const TICKS_PER_MS = 90;
const WRAP = 2 ** 32;

export class LiveLag {
  /** Arrival minus media time of the least delayed packet so far, ms (NaN before the first). */
  private base = Number.NaN;
  private lastTimestamp = 0;
  /** Media time since the run's first packet, ms (RTP timestamps unwrapped). */
  private media = 0;

  /** A new run (a new ffmpeg, a new timestamp origin): forget the old pace. */
  reset(): void {
    this.base = Number.NaN;
    this.media = 0;
  }

  /** A packet with this RTP timestamp arrived at `arrivedMs`; returns how late it is against the run's best, ms (≥ 0). */
  packet(rtpTimestamp: number, arrivedMs: number): number {
    if (Number.isNaN(this.base)) {
      this.lastTimestamp = rtpTimestamp >>> 0;
      this.base = arrivedMs;
      return 0;
    }
    // The signed step from the last timestamp, across the 32-bit wrap (≈ 13 h at 90 kHz).
    let step = ((rtpTimestamp >>> 0) - this.lastTimestamp + WRAP) % WRAP;
    if (step >= WRAP / 2) step -= WRAP;
    this.lastTimestamp = rtpTimestamp >>> 0;
    this.media += step / TICKS_PER_MS;
    const lag = arrivedMs - this.media - this.base;
    // Earlier than any packet before: this one is the new measure of live (the first packets of a run
    // come in a burst after ffmpeg's start, later than they will once it runs).
    if (lag < 0) {
      this.base += lag;
      return 0;
    }
    return lag;
  }
}
