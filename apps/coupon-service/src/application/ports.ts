import type { Clock, CommandRunner, Handled, IdGenerator } from "@shop/kernel";
import type { Campaign } from "../domain/campaign";
import type { ClaimVerdict } from "../domain/claim";
import type { CouponWithCampaign } from "../domain/coupon";
import type { Redemption, UseAnswer } from "../domain/redemption";

export interface CampaignWithUsage extends Campaign {
  /** Its coupons on an order right now. */
  used: number;
}

export interface CampaignRepository {
  insert(campaign: Campaign): Promise<void>;
  /** Every campaign, newest first, with its used count. */
  listWithUsage(): Promise<CampaignWithUsage[]>;
  /** The campaigns open at `now` (validFrom <= now < validTo), the one ending soonest first. */
  listOpen(now: Date): Promise<Campaign[]>;
}

export interface CouponRepository {
  /** The user's coupons with their campaigns, the latest claim first. */
  listByUser(userId: string): Promise<CouponWithCampaign[]>;
  /** Those of `campaignIds` the user holds a coupon of. */
  campaignsHeldBy(userId: string, campaignIds: readonly string[]): Promise<Set<string>>;
}

/** A claim as the store receives it: the new coupon's id is chosen before it is known to be issued. */
export interface NewClaim {
  campaignId: string;
  couponId: string;
  userId: string;
  at: Date;
}

export type Refusal = Exclude<ClaimVerdict, { kind: "issue" }>["kind"];

export type ClaimOutcome =
  | { kind: "issued"; coupon: CouponWithCampaign }
  | { kind: "refused"; refusal: Refusal; campaign: Campaign }
  | { kind: "no-campaign" };

export interface CouponClaims {
  /**
   * Claims one coupon, decided atomically by the store under the campaign's row lock with the
   * domain's allocateClaims: whatever the concurrency, and across instances of the service,
   * exactly the campaign's quantity is issued and never more (CHECK issued <= quantity), and a
   * user gets at most one coupon of a campaign (UNIQUE (campaign, user)). Concurrent claims may
   * share one transaction (the claim batcher); each still gets its own outcome.
   */
  claim(claim: NewClaim): Promise<ClaimOutcome>;
}

export type CouponReply = UseAnswer | { kind: "restored"; orderId: string };

/** The coupon step's records, inside the transaction of one command. */
export interface RedemptionStore {
  /**
   * Takes the order's lock until the transaction ends, so commands for one order (a use and its
   * restore, or one re-sent) run one after another, then reads the order's record.
   */
  lockOrder(orderId: string): Promise<Redemption | null>;
  /** Reads the coupon with its campaign and locks the coupon until the transaction ends. */
  lockCoupon(couponId: string): Promise<CouponWithCampaign | null>;
  /** Puts the coupon on the order only if it is on none (one conditional update); false if not. */
  putOnOrder(couponId: string, orderId: string, at: Date): Promise<boolean>;
  /** Takes the coupon off the order, only if it is on that order. */
  takeOffOrder(couponId: string, orderId: string): Promise<void>;
  /** Writes the order's record, replacing the one it had. */
  saveRedemption(record: Redemption, at: Date): Promise<void>;
}

/** A coupon command handled once: a redelivery, or the reply it was answered with. */
export type HandledCommand = Handled<{ reply: CouponReply }>;

export interface CouponDeps {
  campaigns: CampaignRepository;
  coupons: CouponRepository;
  claims: CouponClaims;
  /** The saga's coupon commands: inbox, coupon change and reply in one transaction each. */
  saga: CommandRunner<RedemptionStore, CouponReply>;
  clock: Clock;
  ids: IdGenerator;
}
