/**
 * Twinned machines on the client: mirror the twins in the space, load each one's definition, draw it
 * with its bindings, open its panel when someone points at it, carry its movable parts, list the
 * alarms for everyone (operators and the host acknowledge them), tell people how their commands
 * ended, and show what everyone does to the machines and the space (the activity feed).
 */
import { elementPanelLines, tintBoundElement } from './elementTint.js';
import type { ClientContext } from '../context/context.js';
import type { ClientFeature } from '../core/feature.js';
import type { PhasedSystem } from '../core/phases.js';
import { connectTwins } from './sync.js';
import { createAlarmList } from './alarmList.js';
import { createAlarmActions } from './alarmActions.js';
import { createActivityFeed } from '../ui/activityFeed.js';
import { announceCommandOutcomes } from './commandOutcomes.js';
import { connectMemory } from './memoryNet.js';
import { createNoteWriting } from './noteWriting.js';
import { createReturnOffer } from './returnPart.js';
import { movableParts, type PartReach } from './partReach.js';
import { createTwinHover } from './hover.js';
import { createChartHistorySource } from './chartData.js';
import { fetchDefinition, type TwinDefinition } from './definitions.js';
import { createTwinInteraction } from './interaction.js';
import type * as PanelModule from './panel.js';
import type { TwinPanel } from './panel.js';
import { TwinStore } from './store.js';
import { createPanelPlacer } from './panelPlacer.js';
import { createTwinsTestApi } from './testApi.js';
import { createTwinViews } from './twinViews.js';

const PANEL_REFRESH_MS = 150;

export async function createTwinsFeature(ctx: ClientContext): Promise<ClientFeature> {
  const { scene } = ctx;
  const store = new TwinStore();
  const net = connectTwins(ctx.connection, store);
  const memory = connectMemory(ctx.connection);
  /** Operators and the host acknowledge alarms and write notes (SPEC AK1, NT1). */
  const keepsRecords = () => {
    const me = ctx.store.avatars.get(ctx.connection.sessionId ?? '');
    return !!me && (me.operator || me.host);
  };
  // Notes on the open machine: the form beside its panel, in VR a board from the wrist menu (NT1, NT7).
  const openTwin = () => (open ? { id: open.twin, title: store.twins.get(open.twin)?.title ?? open.twin } : null);
  const notes = createNoteWriting(ctx, memory, keepsRecords, openTwin);
  /** The note form and the return offer follow the open panel and my role. */
  const syncNoteForm = () => {
    notes.sync();
    syncReturn();
  };
  // Parts of the open panel's machine left away from rest can be put back (SPEC G7).
  const returnOffer = createReturnOffer({ send: net.returnPart, register: (a) => ctx.actions.register(a) });
  ctx.hud.addPanel(returnOffer.element);
  const syncReturn = () =>
    returnOffer.show(open ? (store.twins.get(open.twin) ?? null) : null, open ? (views.get(open.twin)?.definition.ext ?? null) : null);
  store.onChanged(syncReturn);
  const definitions = new Map<string, Promise<TwinDefinition>>();
  const base = ctx.connection.endpoint.replace(/^ws/, 'http');
  let open: { twin: string; panel: TwinPanel; shown: number } | null = null;
  const placer = createPanelPlacer(ctx);
  const chartHistory = createChartHistorySource(base);

  const definition = (id: string) => {
    let d = definitions.get(id);
    if (!d) definitions.set(id, (d = fetchDefinition(base, id)));
    return d;
  };

  const { views, dispose: disposeViews } = createTwinViews(ctx, store, definition, base);
  // A machine bound to a building element tints it with its state (SPEC BM8).
  store.onAdded((t) => tintBoundElement(ctx.building, t));
  store.onChanged((t) => tintBoundElement(ctx.building, t));
  store.onRemoved((t) => {
    if (open?.twin === t.id) closePanel();
  });

  // The panel (and Babylon GUI with it) is its own chunk: not in the bundle loaded before the first
  // frame, fetched once the hall stands, so it is there by the first click.
  const panelModule = () => import('./panel.js');
  setTimeout(() => void panelModule().catch(() => undefined), 2000);
  /** Bumped by every open and close: an open still loading when another starts gives way. */
  let opening = 0;

  const closePanel = () => {
    opening++;
    if (!open) return;
    net.panel(open.twin, false);
    open.panel.dispose();
    open = null;
    ctx.hud.root.classList.remove('panel-open');
    syncNoteForm();
  };
  const openPanel = async (twin: string) => {
    closePanel();
    const ticket = ++opening;
    let loaded: [TwinDefinition, typeof PanelModule];
    try {
      loaded = await Promise.all([definition(twin), panelModule()]);
    } catch (err) {
      console.warn('[twinverse] could not open the panel of', twin, err);
      ctx.notices.show(`Could not open the machine's panel: ${(err as Error).message}`, 'error');
      return;
    }
    const [def, { TwinPanel }] = loaded;
    const view = views.get(twin);
    if (!view || ticket !== opening) return;
    // On a phone the rest of the HUD stands aside for a panel (PN8): before the panel's shape is chosen
    // and it is placed, so both see the room it will have.
    ctx.hud.root.classList.add('panel-open');
    const panel = new TwinPanel({
      scene,
      definition: def,
      command: (action, input) => net.command(twin, action, input),
      close: closePanel,
      selfId: () => ctx.connection.sessionId,
      canOperate: () => ctx.store.avatars.get(ctx.connection.sessionId ?? '')?.operator ?? false,
      history: (property, rangeMs) => chartHistory(twin, property, rangeMs),
      now: () => Date.now(),
      narrow: placer.narrow(def),
      say: (text) => ctx.notices.show(text),
      ...(ctx.building ? { element: elementPanelLines(ctx.building, twin) } : {}),
    });
    const info = store.twins.get(twin);
    if (info) panel.update(info);
    open = { twin, panel, shown: info?.version ?? 0 };
    // What the HUD shows with an open panel (the parts offer, the note form) is there before the panel
    // is placed, so the placing keeps clear of it; the activity feed stands aside meanwhile (UX8).
    syncNoteForm();
    placer.place(panel, view.worldPoint());
    net.panel(twin, true);
  };
  const togglePanel = (twin: string) => {
    if (open?.twin === twin) closePanel();
    else void openPanel(twin);
  };
  ctx.connection.on('twin.history', (m) => {
    if (open?.twin === m.twin) open.panel.setRecent(m);
  });
  // A dropped connection closed our panel on the server: say it is open again once we are back.
  ctx.connection.onStatus((s) => {
    if (s.state === 'connected' && open) net.panel(open.twin, true);
  });

  announceCommandOutcomes(ctx, store, (twin) => views.get(twin)?.definition);

  const movable = (twin: string) => {
    const view = views.get(twin);
    const info = store.twins.get(twin);
    return view && info ? movableParts(info, view.definition.ext) : new Map<string, PartReach>();
  };
  const interaction = createTwinInteraction({
    scene,
    store,
    net,
    rays: ctx.rays,
    selfId: () => ctx.connection.sessionId,
    movable,
    togglePanel,
    dragging: (on) => ctx.input.suppressLook(on),
  });

  // A machine under the pointer lights up, and the mouse cursor says it can be clicked (SPEC HV1).
  const hover = createTwinHover({ scene, cursor: ctx.canvas, locked: () => document.pointerLockElement === ctx.canvas });
  const alarms = createAlarmList(store, (twin) => void openPanel(twin), { allowed: keepsRecords, acknowledge: memory.acknowledge });
  ctx.hud.addPanel(alarms.element);
  const alarmActions = createAlarmActions(ctx, store, keepsRecords, memory.acknowledge, (twin) => void openPanel(twin));
  // My role can change (the host leaves, I claim it): the Acknowledge buttons follow.
  const offRole = ctx.store.onChanged(() => {
    alarms.refresh();
    alarmActions.update();
    syncNoteForm();
  });
  const feed = createActivityFeed();
  ctx.hud.root.append(feed.element);
  const offActivity = memory.onActivity((m) => feed.add(m));
  let lastRefresh = 0;
  const system: PhasedSystem = {
    name: 'twins',
    phase: 'render',
    update(frame) {
      for (const v of views.values()) v.frame(frame.dt);
      interaction.update(frame.now);
      if (open && frame.now - lastRefresh > PANEL_REFRESH_MS) {
        const info = store.twins.get(open.twin);
        if (info && info.version !== open.shown) {
          open.panel.update(info);
          open.shown = info.version;
        }
        lastRefresh = frame.now;
      }
    },
    dispose() {},
  };

  return {
    name: 'twins',
    systems: [system],
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : createTwinsTestApi({
            scene,
            hudBoxes: () => ctx.hud.occupied(),
            store,
            views,
            panel: () => open,
            openPanel,
            closePanel,
            interaction,
            alarms,
            feed,
            actions: ctx.actions,
            hover,
            noteBoard: notes.board,
          }),
    dispose() {
      alarmActions.dispose();
      offRole();
      notes.dispose();
      returnOffer.dispose();
      offActivity();
      feed.element.remove();
      interaction.dispose();
      hover.dispose();
      closePanel();
      alarms.dispose();
      disposeViews();
    },
  };
}
