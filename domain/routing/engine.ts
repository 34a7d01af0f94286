// The routing engine: the catalog compiled once (compile.ts), its reason lines written (reasons.ts), and the router
// that decides over them (decide.ts). Callers take the part they need (`vocabulary`, `router`, `desks`,
// `businessDays`) rather than reaching through the engine.
import type { Catalog, Queue } from '../catalog.js';
import type { BusinessDays } from '../time/business-days.js';
import type { Instant } from '../time/instant.js';
import { type CompiledCatalog, compileCatalog } from './compile.js';
import { Router } from './decide.js';
import type { RoutingDecision } from './decision.js';
import type { Desk, Desks } from './desks.js';
import { writeReasons } from './reasons.js';
import { type RawRouteRequest, RequestVocabulary, type RouteRequest } from './request.js';

export class RoutingEngine {
  private readonly compiled: CompiledCatalog;
  readonly vocabulary: RequestVocabulary;
  readonly router: Router;

  /** Throws CatalogError when the catalog cannot route every case. */
  constructor(readonly catalog: Catalog) {
    this.compiled = compileCatalog(catalog);
    this.vocabulary = new RequestVocabulary(catalog);
    this.router = new Router(this.compiled, writeReasons(catalog, this.compiled));
  }

  get desks(): Desks {
    return this.compiled.desks;
  }

  get businessDays(): BusinessDays {
    return this.compiled.businessDays;
  }

  /** The desk (hours, mailbox, phone, escalation ladder) of a product's queue. */
  desk(productId: string, queue: Queue): Desk {
    return this.compiled.desks.desk(productId, queue);
  }

  /** The complete decision for a request received at `at`. */
  decide(request: RouteRequest, at: Instant): RoutingDecision {
    return this.router.decide(request, at);
  }

  /** Parses and decides in one step. */
  route(raw: RawRouteRequest, at: Instant): RoutingDecision {
    return this.router.decide(this.vocabulary.parse(raw), at);
  }
}
