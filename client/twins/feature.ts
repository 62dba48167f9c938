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
import { createActivityFeed } from '../ui/activityFeed.js';
import { connectMemory } from './memoryNet.js';
import { createNoteForm } from './noteForm.js';
import type { VrNoteBoard } from './vrNoteBoard.js';
import { createReturnOffer } from './returnPart.js';
import { movableParts, type PartReach } from './partReach.js';
import { createTwinHover } from './hover.js';
import { createChartHistorySource } from './chartData.js';
import { commandLine } from './commandWords.js';
import { fetchDefinition, type TwinDefinition } from './definitions.js';
import { createTwinInteraction } from './interaction.js';
import type * as PanelModule from './panel.js';
import type { TwinPanel } from './panel.js';
import { TwinStore, type CommandInfo, type TwinInfo } from './store.js';
import { createPanelPlacer } from './panelPlacer.js';
import { createTwinsTestApi } from './testApi.js';
import { TwinView } from './twinView.js';
import { ModelError } from '../models/fetchModel.js';
import type { BuiltModel } from '../models/gltfParts.js';
import type * as TwinModelModule from '../models/twinModel.js';
import type { FloorObstacle } from '../render/hall/furniture.js';

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
  const noteForm = createNoteForm(memory.note);
  ctx.hud.addPanel(noteForm.element);
  const offNoteError = ctx.connection.onServerError((e) => {
    if (e.ref !== 'twin.note') return;
    noteForm.problem(e.message);
    noteBoard?.problem(e.message);
  });
  // In VR the HTML form is not seen: while a panel is open the wrist menu offers "Write note", which
  // opens a board of kinds and quick phrases in front of the user (SPEC NT7). Its own chunk, like the panel.
  let noteBoard: VrNoteBoard | null = null;
  let offNoteAction: (() => void) | null = null;
  const closeNoteBoard = () => {
    noteBoard?.dispose();
    noteBoard = null;
    ctx.actions.changed();
  };
  const openNoteBoard = async (twin: { id: string; title: string }) => {
    const { openVrNoteBoard } = await import('./vrNoteBoard.js');
    if (open?.twin !== twin.id || !keepsRecords()) return;
    closeNoteBoard();
    noteBoard = openVrNoteBoard({ scene, twin, send: memory.note, close: closeNoteBoard });
    ctx.actions.changed();
  };
  /** The note form stands beside the open panel, for those who may write. */
  const syncNoteForm = () => {
    const writing = open && keepsRecords() ? { id: open.twin, title: store.twins.get(open.twin)?.title ?? open.twin } : null;
    noteForm.show(writing);
    if (noteBoard && noteBoard.twin !== writing?.id) closeNoteBoard();
    if (writing && !offNoteAction)
      offNoteAction = ctx.actions.register({
        id: 'twin-note',
        label: () => 'Write note',
        active: () => noteBoard !== null,
        run: () => {
          if (noteBoard) return closeNoteBoard();
          const on = open ? { id: open.twin, title: store.twins.get(open.twin)?.title ?? open.twin } : null;
          if (on) void openNoteBoard(on);
        },
      });
    else if (!writing && offNoteAction) {
      offNoteAction();
      offNoteAction = null;
    }
    syncReturn();
  };
  // Parts of the open panel's machine left away from rest can be put back (SPEC G7).
  const returnOffer = createReturnOffer({ send: net.returnPart, register: (a) => ctx.actions.register(a) });
  ctx.hud.addPanel(returnOffer.element);
  const syncReturn = () =>
    returnOffer.show(open ? (store.twins.get(open.twin) ?? null) : null, open ? (views.get(open.twin)?.definition.ext ?? null) : null);
  store.onChanged(syncReturn);
  const definitions = new Map<string, Promise<TwinDefinition>>();
  const views = new Map<string, TwinView>();
  /** The floor area each view keeps people out of (replaced when a glTF model replaces the recipe). */
  const footprints = new Map<TwinView, FloorObstacle>();
  const base = ctx.connection.endpoint.replace(/^ws/, 'http');
  let open: { twin: string; panel: TwinPanel; shown: number } | null = null;
  const placer = createPanelPlacer(ctx);
  const chartHistory = createChartHistorySource(base);

  const definition = (id: string) => {
    let d = definitions.get(id);
    if (!d) definitions.set(id, (d = fetchDefinition(base, id)));
    return d;
  };

  const addView = async (info: TwinInfo) => {
    const def = await definition(info.id);
    if (views.has(info.id) || !store.twins.has(info.id)) return;
    const view = new TwinView(scene, def, store.twins.get(info.id)!);
    views.set(info.id, view);
    const footprint = view.footprint();
    footprints.set(view, footprint);
    ctx.movement.obstacles.push(footprint);
    const model = def.ext.model;
    if ('gltf' in model) void upgradeView(view, model.gltf);
  };
  /**
   * The machine stands as its recipe at once; its glTF model replaces it once loaded, or the recipe
   * stays and the problem is named on the panel and in one log line (SPEC GM3, GM5).
   */
  const upgradeView = async (view: TwinView, file: string) => {
    const id = view.id;
    const def = view.definition;
    view.setLoading('Loading model…');
    let built: BuiltModel;
    // The glTF loader is its own chunk: spaces whose machines are all recipes never fetch it.
    let models: typeof TwinModelModule;
    try {
      models = await import('../models/twinModel.js');
      built = await models.loadTwinModel({
        scene,
        base,
        file,
        twinId: id,
        ext: def.ext,
        progress: (f) => view.setLoading(f < 0 ? 'Loading model…' : `Loading model ${Math.round(f * 100)} %`),
      });
    } catch (err) {
      const message = err instanceof ModelError ? err.message : `${file}: ${(err as Error).message}`;
      console.warn(`[twinverse] ${id}: ${message}; drawn from its recipe`);
      view.modelProblem = message;
      def.problem ??= `Model ${message}. The machine is drawn from its recipe.`;
      view.setLoading(null);
      return;
    }
    const info = store.twins.get(id);
    if (views.get(id) !== view || !info) {
      models.disposeBuiltModel(built);
      return;
    }
    const next = new TwinView(scene, def, info, built);
    const footprint = next.footprint();
    const at = ctx.movement.obstacles.indexOf(footprints.get(view)!);
    view.dispose();
    views.set(id, next);
    footprints.delete(view);
    footprints.set(next, footprint);
    if (at >= 0) ctx.movement.obstacles[at] = footprint;
    else ctx.movement.obstacles.push(footprint);
  };
  store.onAdded((t) => void addView(t));
  store.onChanged((t) => views.get(t.id)?.update(t));
  // A machine bound to a building element tints it with its state (SPEC BM8).
  store.onAdded((t) => tintBoundElement(ctx.building, t));
  store.onChanged((t) => tintBoundElement(ctx.building, t));
  store.onRemoved((t) => {
    views.get(t.id)?.dispose();
    views.delete(t.id);
    if (open?.twin === t.id) closePanel();
  });
  for (const t of store.twins.values()) void addView(t);

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
      ...(ctx.building ? { element: elementPanelLines(ctx.building, twin) } : {}),
    });
    const info = store.twins.get(twin);
    if (info) panel.update(info);
    open = { twin, panel, shown: info?.version ?? 0 };
    // What the HUD shows with an open panel (the parts offer, the note form) is there before the panel
    // is placed, so the placing keeps clear of it; the activity feed stands aside meanwhile (UX8).
    syncNoteForm();
    ctx.hud.root.classList.add('panel-open');
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

  // Everyone hears how a command ended, not only who sent it. Commands there when a twin arrives are
  // history; one seen first already answered (sent and answered between two syncs) is news too.
  const outcomes = new Map<string, CommandInfo['status']>();
  const known = (t: TwinInfo) => t.commands.forEach((c) => outcomes.set(c.id, c.status));
  store.onAdded(known);
  store.twins.forEach(known);
  store.onChanged((t) => {
    for (const c of t.commands) {
      const before = outcomes.get(c.id);
      outcomes.set(c.id, c.status);
      const def = views.get(t.id)?.definition;
      if ((before === 'pending' || before === undefined) && c.status !== 'pending' && def) {
        // In the TD's words (SPEC PN5): "Coolant pump 1: speed set to 79 % by Ada ✓".
        const who = c.by === ctx.connection.sessionId ? 'you' : c.byName;
        ctx.notices.show(commandLine(def, c, who, t.title).text, c.status === 'acknowledged' ? 'info' : 'error');
      }
    }
  });

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
  // In VR the HTML list is not seen: while a new alarm waits and I may acknowledge it, the wrist menu
  // offers to acknowledge the most severe one (SPEC AK4).
  let offAckAction: (() => void) | null = null;
  const updateAckAction = () => {
    const waiting = store.activeAlarms().filter((a) => a.alarm.ackAt === 0);
    const want = waiting.length > 0 && keepsRecords();
    if (want && !offAckAction)
      offAckAction = ctx.actions.register({
        id: 'alarm-ack',
        label: () => `Acknowledge (${store.activeAlarms().filter((a) => a.alarm.ackAt === 0).length})`,
        run: () => {
          const first = store.activeAlarms().find((a) => a.alarm.ackAt === 0);
          if (first) memory.acknowledge(first.twin.id, first.alarm.id);
        },
      });
    else if (!want && offAckAction) {
      offAckAction();
      offAckAction = null;
    }
  };
  store.onChanged(updateAckAction);
  store.onRemoved(updateAckAction);
  // My role can change (the host leaves, I claim it): the Acknowledge buttons follow.
  const offRole = ctx.store.onChanged(() => {
    alarms.refresh();
    updateAckAction();
    syncNoteForm();
  });
  const feed = createActivityFeed();
  ctx.hud.root.append(feed.element);
  const offActivity = memory.onActivity((m) => feed.add(m));
  const offAction = ctx.actions.register({
    id: 'alarms',
    // In VR the HTML alarm list is not seen: with no alarm active, the button tells of forecast ones
    // (SPEC TW11). Short words: the wrist menu's buttons are ~200 px of text wide.
    label: () => {
      const active = store.activeAlarms().length;
      const soon = store.forecastAlarms().length;
      return active === 0 && soon > 0 ? `Alarm soon (${soon})` : `Alarms (${active})`;
    },
    active: () => store.activeAlarms().length > 0,
    run: () => {
      const first = store.activeAlarms()[0]?.twin ?? store.forecastAlarms()[0]?.twin;
      if (first) void openPanel(first.id);
    },
  });
  let alarmCount = '';
  store.onChanged(() => {
    const active = store.activeAlarms();
    const n = `${active.length}/${store.forecastAlarms().length}/${active.filter((a) => a.alarm.ackAt === 0).length}`;
    if (n !== alarmCount) {
      alarmCount = n;
      ctx.actions.changed();
    }
  });

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
            noteBoard: () => noteBoard,
          }),
    dispose() {
      offAction();
      offRole();
      offNoteError();
      noteForm.element.remove();
      closeNoteBoard();
      offNoteAction?.();
      returnOffer.dispose();
      offAckAction?.();
      offActivity();
      feed.element.remove();
      interaction.dispose();
      hover.dispose();
      closePanel();
      alarms.dispose();
      for (const v of views.values()) v.dispose();
    },
  };
}
