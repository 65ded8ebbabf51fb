/* eslint-disable no-console -- a command-line tool talks to its terminal */

/**
 * `npm run seed` runs every service's seed; payment-service has no demo data. A wallet belongs
 * to a user id that only user-service knows (the demo shopper's is random, made by its seed), and
 * this service never reads another's database, so it cannot give the demo shopper a starting
 * balance. Every wallet starts empty, and a shopper (the demo one too) charges theirs in the shop.
 */
console.log("seed: payment-service has no demo data (wallets start empty; charge one in the shop)");
