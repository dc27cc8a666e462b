/**
 * Pieces the venue simulators share: the single engine thread, the loopback Netty server, HMAC
 * helpers, the simulators' Jackson setup, a fixed-window request counter, the fault switches, and
 * the {@code /_sim/} control plane ({@link io.fixbridge.sims.common.ControlPlane}, with
 * {@link io.fixbridge.sims.common.FaultCommands} for its fault requests). Nothing here knows a
 * venue; each simulator package speaks its venue's wire format on top of these and adds its own
 * control routes.
 *
 * <p><b>Threading:</b> each class states its own contract; all of them are safe to use from the
 * Netty event loops and the engine thread as documented.
 */
package io.fixbridge.sims.common;
