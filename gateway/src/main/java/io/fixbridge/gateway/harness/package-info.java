/**
 * The fault harness of issue 7: "no order lost, none doubled, through crashes and faults".
 *
 * <p>{@link io.fixbridge.gateway.harness.FaultHarness} starts a Binance simulator process and a
 * gateway process, drives a seeded stream of orders, cancels, replaces and market moves into the
 * gateway from a QuickFIX/J initiator playing the OMS ({@link io.fixbridge.gateway.harness.OmsClient}),
 * kills and restarts the gateway and injects venue faults through the simulator's control plane
 * ({@link io.fixbridge.gateway.harness.SimControl}) at seeded points of the run
 * ({@link io.fixbridge.gateway.harness.Plan}). At the end it cancels what is still open and hands
 * what the OMS was told ({@link io.fixbridge.gateway.harness.OmsChain}) and the simulator's truth
 * ({@link io.fixbridge.gateway.harness.VenueOrder}) to the pure
 * {@link io.fixbridge.gateway.harness.Verdict}, which counts lost, doubled and mismatched.
 *
 * <p>{@code fixbridge harness} (cli.HarnessCommand) runs it from the command line; HARNESS.md in
 * the gateway module says how, and what each count means.
 */
package io.fixbridge.gateway.harness;
