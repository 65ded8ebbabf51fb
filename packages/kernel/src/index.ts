export type { Actor, ActorRole } from "./actor";
export {
  notFound,
  validationFailed,
  type CommonError,
  type NotFound,
  type ValidationFailed,
} from "./errors";
export type { Clock, CommandRunner, Handled, IdGenerator, ReceivedMessage } from "./ports";
export { err, ok, type Result } from "./result";
export { CURRENCY, discountFor, formatMoney, type Discount } from "./money";
