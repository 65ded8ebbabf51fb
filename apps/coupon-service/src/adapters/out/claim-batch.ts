import type { ClaimOutcome, NewClaim } from "../../application/ports";

/** What the claim batcher needs from a store: one transaction for a batch of one campaign. */
export interface ClaimBatchStore {
  /**
   * Decides and writes a batch of claims on one campaign in one transaction: locks the campaign
   * row, finds which of the batch's users hold a coupon already, lets the domain's
   * allocateClaims decide in arrival order, inserts the issued coupons and raises `issued` by
   * the number inserted. `outcomes[i]` answers `claims[i]`.
   */
  claimBatch(campaignId: string, claims: readonly NewClaim[]): Promise<ClaimOutcome[]>;
}
