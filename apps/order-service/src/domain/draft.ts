import type { SagaCommand } from "./saga-messages";
import type { Decision, OrderStatus, SagaLogEntry, SagaState, StepName } from "./saga-state";

/** A draft being changed by one decision (a deep copy: the input state is never mutated). */
export class Draft {
  readonly s: SagaState;
  readonly commands: SagaCommand[] = [];
  constructor(
    from: SagaState,
    readonly now: Date,
  ) {
    this.s = structuredClone(from);
  }
  get at() {
    return this.now.toISOString();
  }
  log(entry: Omit<SagaLogEntry, "at">) {
    this.s.log.push({ at: this.at, ...entry });
  }
  setStatus(status: OrderStatus) {
    if (this.s.status === status) return;
    this.s.status = status;
    this.log({ kind: "status", type: status });
  }
  send(command: SagaCommand, attempt = 1, refundId?: string) {
    this.commands.push(command);
    this.log({
      kind: "command",
      type: command.type,
      ...(attempt > 1 ? { attempt } : {}),
      ...(refundId === undefined ? {} : { refundId }),
    });
  }
  await(step: StepName | null) {
    this.s.step = step;
    this.s.deadline =
      step === null ? null : new Date(this.now.getTime() + this.s.stepTimeoutMs).toISOString();
  }
  done(): Decision {
    this.s.version += 1;
    return { state: this.s, commands: this.commands };
  }
}

/** A decision that changes nothing: the same state object, no commands. */
export const unchanged = (state: SagaState): Decision => ({ state, commands: [] });
