import { couponStoreContract } from "../../../test/store-contract";
import { memoryDeps } from "../../../test/fixtures";
import { replyMessage } from "../replies";

let deps = memoryDeps();

couponStoreContract("in memory", {
  reset: async () => {
    deps = memoryDeps();
  },
  deps: () => deps,
  sent: async () => deps.store.sent.map((s) => replyMessage(s.command, s.reply, deps.clock.now())),
});
