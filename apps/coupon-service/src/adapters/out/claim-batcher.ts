import type { ClaimOutcome, CouponClaims, NewClaim } from "../../application/ports";
import type { ClaimBatchStore } from "./claim-batch";

/*
 * Claims are the shop's hottest write: a campaign opens and thousands click at once. Every
 * claim of a campaign must take that campaign's row lock, so one statement per claim tops out
 * near 1,900 commits a second on this machine however many connections wait. The batcher
 * turns the burst into few transactions: the claims on one campaign that arrive while its
 * previous batch is in flight (or within `lingerMs` of the first) go to the store together,
 * up to `maxBatch`, and each caller gets its own outcome when that one transaction commits.
 *
 * It decides nothing: the store does, under the row lock, so several instances of the service
 * (each with its own batcher) stay exact. One batch per campaign is in flight at a time in a
 * process (a second would only wait for the same lock, holding a connection); batches of
 * different campaigns run side by side. No lock is held while waiting here: the batch's
 * transaction starts when it is sent.
 */

export interface ClaimBatcherOptions {
  store: ClaimBatchStore;
  /** How long the first claim of an idle campaign waits for company. Default 2 ms. */
  lingerMs?: number;
  /** Claims per transaction at most. Default 500. */
  maxBatch?: number;
}

interface Waiting {
  claim: NewClaim;
  resolve: (outcome: ClaimOutcome) => void;
  reject: (err: unknown) => void;
}

interface Lane {
  waiting: Waiting[];
  timer: NodeJS.Timeout | undefined;
  inFlight: boolean;
}

export class ClaimBatcher implements CouponClaims {
  private readonly store: ClaimBatchStore;
  private readonly lingerMs: number;
  private readonly maxBatch: number;
  private readonly lanes = new Map<string, Lane>();
  private idle: (() => void)[] = [];

  constructor(options: ClaimBatcherOptions) {
    this.store = options.store;
    this.lingerMs = options.lingerMs ?? 2;
    this.maxBatch = options.maxBatch ?? 500;
  }

  claim(claim: NewClaim): Promise<ClaimOutcome> {
    let lane = this.lanes.get(claim.campaignId);
    if (!lane) {
      lane = { waiting: [], timer: undefined, inFlight: false };
      this.lanes.set(claim.campaignId, lane);
    }
    const outcome = new Promise<ClaimOutcome>((resolve, reject) =>
      lane.waiting.push({ claim, resolve, reject }),
    );
    this.schedule(claim.campaignId, lane);
    return outcome;
  }

  /** Resolves once no claim is waiting or in flight (the ordered shutdown's drain). */
  stop(): Promise<void> {
    if (this.lanes.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(campaignId: string, lane: Lane) {
    if (lane.inFlight) return; // sent when the batch in flight is done
    if (lane.waiting.length >= this.maxBatch) return this.send(campaignId, lane);
    lane.timer ??= setTimeout(() => this.send(campaignId, lane), this.lingerMs);
  }

  private send(campaignId: string, lane: Lane) {
    clearTimeout(lane.timer);
    lane.timer = undefined;
    const batch = lane.waiting.splice(0, this.maxBatch);
    lane.inFlight = true;
    this.store
      .claimBatch(
        campaignId,
        batch.map((w) => w.claim),
      )
      .then(
        (outcomes) => batch.forEach((w, i) => w.resolve(outcomes[i] as ClaimOutcome)),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        lane.inFlight = false;
        // Whoever came meanwhile has waited a whole batch already: straight on.
        if (lane.waiting.length > 0) return this.send(campaignId, lane);
        this.lanes.delete(campaignId);
        if (this.lanes.size === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
  }
}
