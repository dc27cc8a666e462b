/**
 * The order journal: every accepted order and every change of its state, appended before the OMS
 * is told, so the order book can be rebuilt after a crash.
 *
 * <p>{@link io.fixbridge.gateway.journal.FileJournal} keeps it in CRC-checked JSON lines in
 * rolling segment files; {@link io.fixbridge.gateway.journal.JournalConfig} says where and how
 * durably; {@link io.fixbridge.gateway.journal.JournalRecord} is what is written.
 *
 * <h2>How the order engine uses it</h2>
 * <ol>
 *   <li>At start, before any session is accepted: {@code FileJournal.open(config)}, then
 *       {@code replay(...)}: each {@code OrderAccepted} re-creates an order, {@code ClOrdIdUsed}
 *       marks a ClOrdID used (and aliases it to its order when it names one), each
 *       {@code StateChanged} sets the order's state from its {@code state} and, for TRADE, adds
 *       the fill's trade id and notional. A {@code StateChanged} of an order with no
 *       {@code OrderAccepted} (compacted away, then a late fill) is logged and skipped.</li>
 *   <li>On a new order: {@code append(OrderAccepted.of(order, now))} before PendingNew is sent;
 *       a {@link io.fixbridge.gateway.journal.JournalUnavailableException} rejects the order with
 *       a Text that says the journal is unavailable.</li>
 *   <li>On a cancel or replace request: {@code append(new ClOrdIdUsed(session, clOrdId, orderId, now))}
 *       before it is marked used and answered.</li>
 *   <li>For each {@code Execution} the state machine returns:
 *       {@code append(StateChanged.of(order, execution, order.doubtful(), now))} before it is sent.</li>
 *   <li>Now and then (all on the engine thread): {@code compact(liveOrderIds)}.</li>
 * </ol>
 * The health endpoint reads {@code healthy()} and {@code unavailableReason()}.
 */
package io.fixbridge.gateway.journal;
