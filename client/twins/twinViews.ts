/**
 * The drawn machines of a space: one TwinView per twin in the mirror, made once its definition has
 * loaded, updated as the twin changes and disposed when it leaves; each keeps people out of its floor
 * area. A machine stands as its recipe at once and its glTF model replaces it once loaded (SPEC GM3).
 */
import type { ClientContext } from '../context/context.js';
import type { TwinDefinition } from './definitions.js';
import type { TwinInfo, TwinStore } from './store.js';
import { TwinView } from './twinView.js';
import { ModelError } from '../models/fetchModel.js';
import type { BuiltModel } from '../models/gltfParts.js';
import type * as TwinModelModule from '../models/twinModel.js';
import type { FloorObstacle } from '../render/hall/furniture.js';

export interface TwinViews {
  /** The views by twin id (read by the feature and its test API). */
  readonly views: Map<string, TwinView>;
  dispose(): void;
}

export function createTwinViews(
  ctx: ClientContext,
  store: TwinStore,
  definition: (id: string) => Promise<TwinDefinition>,
  base: string,
): TwinViews {
  const { scene } = ctx;
  const views = new Map<string, TwinView>();
  /** The floor area each view keeps people out of (replaced when a glTF model replaces the recipe). */
  const footprints = new Map<TwinView, FloorObstacle>();

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
  store.onRemoved((t) => {
    views.get(t.id)?.dispose();
    views.delete(t.id);
  });
  for (const t of store.twins.values()) void addView(t);

  return {
    views,
    dispose() {
      for (const v of views.values()) v.dispose();
    },
  };
}
