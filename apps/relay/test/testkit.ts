/**
 * The relay's tests use @quire/testkit by path: testkit depends on @quire/relay (for token
 * signing), so declaring the reverse dependency would make a workspace cycle that turbo
 * refuses.
 */
export * from "../../../packages/testkit/src/index.ts";
