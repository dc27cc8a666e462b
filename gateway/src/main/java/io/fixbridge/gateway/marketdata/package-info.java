/**
 * Market data over FIX: {@link io.fixbridge.gateway.marketdata.MarketDataHub} holds one venue
 * subscription per instrument and fans its books and trades out to every FIX subscriber
 * (MarketDataRequest 35=V answered with 35=W, 35=X, 35=Y), each at the depth it asked for;
 * {@link io.fixbridge.gateway.marketdata.BookDiff} turns two books into the level changes of an
 * incremental refresh. The FIX messages themselves are built in
 * {@link io.fixbridge.gateway.translate.MarketDataMessages}.
 */
package io.fixbridge.gateway.marketdata;
