/**
 * Pieces the venue simulators share: the single engine thread, the loopback Netty server, HMAC
 * helpers, the simulators' Jackson setup and a fixed-window request counter. Nothing here knows a
 * venue; each simulator package speaks its venue's wire format on top of these.
 *
 * <p><b>Threading:</b> each class states its own contract; all of them are safe to use from the
 * Netty event loops and the engine thread as documented.
 */
package io.fixbridge.sims.common;
