/**
 * A space's title before joining (SPEC SP1): the join and loading screens ask `GET /api/spaces/:space`
 * and must get the title the room gives its HUD — a real server in this process, real joins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { join } from '../support/clients.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const base = () => `http://127.0.0.1:${server.port}`;

describe('a space title for the join screen', () => {
  it('SP1: a space with a layout of its name is titled by the layout, like its HUD', async () => {
    const res = await fetch(`${base()}/api/spaces/factory`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      space: 'factory',
      title: 'Factory floor',
      geo: { latitude: 53.1255, longitude: 8.7355, altitude: 48, heading: 28 },
      overview: null,
    });
    const c = await join(server.endpoint, { space: 'factory', name: 'Ada' });
    expect(c.room.state.space.title).toBe('Factory floor');
    await c.room.leave();
  });

  it('SP1: a space without its own layout is named by its id (with the hall it borrows), like its HUD', async () => {
    const res = await fetch(`${base()}/api/spaces/sp1-standup`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { space: string; title: string };
    expect(body.title.startsWith('sp1-standup')).toBe(true);
    const c = await join(server.endpoint, { space: 'sp1-standup', name: 'Bo' });
    expect(body.title).toBe(c.room.state.space.title);
    await c.room.leave();
  });

  it('SP1: a name no space can have is refused by name, and the server goes on', async () => {
    const res = await fetch(`${base()}/api/spaces/${encodeURIComponent('Not A Space!')}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_space');
    expect((await fetch(`${base()}/health`)).status).toBe(200);
  });
});
