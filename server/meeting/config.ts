/**
 * Meeting configuration from the environment: the ICE servers WebRTC clients use (none by default:
 * host candidates only, which works on one network), optional short-lived TURN credentials, and host
 * passcodes per space. README "Configuration" documents the variables.
 */
import crypto from 'node:crypto';
import { z } from 'zod/mini';
import type { IceServer } from '../../shared/protocol/meeting.js';

export interface TurnSecret {
  /** The secret shared with the TURN server (coturn `static-auth-secret`). */
  secret: string;
  urls: string[];
  /** How long a credential stays valid, seconds. */
  ttlSeconds: number;
}

export interface MeetingConfig {
  /** Fixed ICE servers (STUN, or TURN with fixed credentials) from ICE_SERVERS. */
  iceServers: IceServer[];
  /** `relay`: every call goes through TURN, so people never learn each other's addresses. */
  iceTransportPolicy: 'all' | 'relay';
  /** TURN with per-session credentials (TURN REST API) from TURN_SECRET + TURN_URLS. */
  turn: TurnSecret | undefined;
  /** Host passcode per space name; `*` applies to every space without its own. */
  hostPasscodes: Record<string, string>;
}

const IceUrl = z.string().check(z.regex(/^(stun|stuns|turn|turns):\S+$/, 'an ICE server URL starts with stun:, stuns:, turn: or turns:'));
const IceServerSchema = z.strictObject({
  urls: z.union([IceUrl, z.array(IceUrl).check(z.minLength(1))]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
const IceServers = z.array(IceServerSchema);
const Passcodes = z.record(z.string().check(z.minLength(1), z.maxLength(48)), z.string().check(z.minLength(4), z.maxLength(64)));

function json<T>(name: string, raw: string, schema: z.ZodMiniType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${(err as Error).message})`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${name}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Reads the meeting variables; throws an Error naming the bad variable. */
export function loadMeetingConfig(env: Record<string, string | undefined>): MeetingConfig {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      problems.push((err as Error).message);
      return fallback;
    }
  };
  const iceServers = env.ICE_SERVERS ? attempt(() => json('ICE_SERVERS', env.ICE_SERVERS!, IceServers), []) : [];
  const policy = env.ICE_TRANSPORT_POLICY ?? 'all';
  if (policy !== 'all' && policy !== 'relay') problems.push('ICE_TRANSPORT_POLICY: must be "all" or "relay"');
  let turn: TurnSecret | undefined;
  if (env.TURN_SECRET || env.TURN_URLS) {
    const urls = (env.TURN_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    const ttl = Number(env.TURN_TTL_SECONDS ?? 6 * 3600);
    if (!env.TURN_SECRET) problems.push('TURN_SECRET: needed with TURN_URLS');
    if (urls.length === 0 || !urls.every((u) => /^turns?:\S+$/.test(u))) problems.push('TURN_URLS: comma-separated turn: or turns: URLs');
    if (!Number.isFinite(ttl) || ttl < 60) problems.push('TURN_TTL_SECONDS: at least 60');
    turn = { secret: env.TURN_SECRET ?? '', urls, ttlSeconds: ttl };
  }
  if (policy === 'relay' && !turn && !iceServers.some((s) => [s.urls].flat().some((u) => u.startsWith('turn')))) {
    problems.push('ICE_TRANSPORT_POLICY: "relay" needs a TURN server (ICE_SERVERS or TURN_URLS)');
  }
  const hostPasscodes = env.HOST_PASSCODES ? attempt(() => json('HOST_PASSCODES', env.HOST_PASSCODES!, Passcodes), {}) : {};
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { iceServers, iceTransportPolicy: policy as 'all' | 'relay', turn, hostPasscodes };
}

/**
 * The ICE servers one participant gets: the fixed ones plus, with a TURN secret, a credential valid
 * for `ttlSeconds` (TURN REST API: username `expiry:session`, password base64 HMAC-SHA1 of it), so a
 * leaked credential expires and names the session it was given to.
 */
export function iceServersFor(config: MeetingConfig, sessionId: string, nowMs = Date.now()): IceServer[] {
  const servers = config.iceServers.map((s) => ({ ...s }));
  if (config.turn) {
    const username = `${Math.floor(nowMs / 1000) + config.turn.ttlSeconds}:${sessionId}`;
    const credential = crypto.createHmac('sha1', config.turn.secret).update(username).digest('base64');
    servers.push({ urls: config.turn.urls, username, credential });
  }
  return servers;
}

/** The host passcode of `space`, if one is configured. */
export function hostPasscodeOf(config: MeetingConfig, space: string): string | undefined {
  return config.hostPasscodes[space] ?? config.hostPasscodes['*'];
}
