import type { Link, TopoNode, Topology } from '../model/topology';
import type { World } from './world';

interface NodeState {
  /** Powered and booted far enough to have link (PXE, hammer or OS). */
  up: boolean;
  /** Running its final OS: BGP speaking, phoning home, serving. */
  ready: boolean;
  cache?: TopoNode;
}

/** Node reachability and link state; links are up exactly when both ends are up. */
export class TopologySim {
  private readonly states = new Map<string, NodeState>();
  private readonly linkCache: (Link | undefined)[];
  private snapshot?: Topology;

  constructor(
    private readonly w: World,
    initiallyUp: boolean,
  ) {
    // With its cache field from the start: added later, it took a property array per node (11,000 at --scale 10000).
    for (const n of w.layout.nodes) this.states.set(n.id, { up: initiallyUp, ready: initiallyUp, cache: undefined });
    this.linkCache = new Array(w.layout.links.length);
  }

  isUp(id: string): boolean {
    return this.states.get(id)?.up ?? false;
  }

  isReady(id: string): boolean {
    return this.states.get(id)?.ready ?? false;
  }

  linkUp(index: number): boolean {
    const l = this.w.layout.links[index];
    return l !== undefined && this.isUp(l.a.node) && this.isUp(l.b.node);
  }

  set(id: string, up: boolean, ready: boolean): void {
    const s = this.states.get(id);
    if (!s || (s.up === up && s.ready === ready)) return;
    const upChanged = s.up !== up;
    s.up = up;
    s.ready = ready;
    if (upChanged) {
      s.cache = undefined;
      for (const i of this.w.layout.linksByNode.get(id) ?? []) this.linkCache[i] = undefined;
      this.snapshot = undefined;
      this.w.changed('topology');
    }
    this.w.nodeChanged(id);
  }

  model(): Topology {
    if (this.snapshot) return this.snapshot;
    const { nodes, links } = this.w.layout;
    const outNodes = nodes.map((spec) => {
      const s = this.states.get(spec.id) as NodeState;
      s.cache ??= s.up ? spec : { ...spec, reachability: 'down' };
      return s.cache;
    });
    const outLinks = links.map((spec, i) => {
      let l = this.linkCache[i];
      if (!l) {
        l = this.isUp(spec.a.node) && this.isUp(spec.b.node) ? spec : { ...spec, state: 'down' };
        this.linkCache[i] = l;
      }
      return l;
    });
    this.snapshot = { nodes: outNodes, links: outLinks };
    return this.snapshot;
  }
}
