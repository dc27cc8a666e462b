package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code streams: poll} against the Binance simulator: the sidecar polls open orders and trades of the
 * listed symbols, and fetches the tracked orders that left the open list; what happens to an order without
 * any request of the adapter (a fill by the market) reaches the gateway.
 */
class BinancePollTest {
    private BinanceSimulator sim;
    private CcxtAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        sim = SimSupport.binance();
        Map<String, Object> venue = SimSupport.binanceVenue(sim);
        venue.put("streams", "poll");
        venue.put("streamSymbols", List.of("BTC/USDT"));
        adapter = SimSupport.adapter("binance-poll", venue);
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @AfterEach
    void stop() {
        adapter.close();
        sim.close();
    }

    @Test
    void anOrderOnASymbolTheStreamsDoNotCoverIsRefusedWithAClearText() {
        // finding 9: streamSymbols [BTC/USDT]: an ETH/USDT order's fills would never be polled
        OrderRequest eth = limit("ETH/USDT", Side.BUY, "0.01", "1000.00");

        VenueError e = failure(adapter.submit(eth));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.message()).contains("ETH/USDT is not in venues[binance-poll].streamSymbols")
                .contains("nothing was sent");
        assertThat(sim.truth().spotOrders(SimSupport.ACCOUNT)).isEmpty();
    }

    @Test
    void aFillByTheMarketIsFoundByPolling() {
        assertThat(adapter.streamModes()).containsEntry(SimSupport.ACCOUNT, "poll");
        OrderRequest buy = limit("BTC/USDT", Side.BUY, "0.001", "59999.00");
        OrderEvent.Accepted a = answer(adapter.submit(buy));

        sim.spotMarket().moveMid("BTCUSDT", -200);

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId())).hasSize(1));
        TruthOrder t = sim.truth().spotOrders(SimSupport.ACCOUNT).get(0);
        OrderEvent.Fill f = events.fills(buy.clientOrderId()).get(0);
        assertThat(f.tradeId()).isEqualTo(String.valueOf(t.fills().get(0).tradeId()));
        assertThat(f.venueOrderId()).isEqualTo(a.venueOrderId());
        assertThat(f.orderFilled()).isTrue();
        assertThat(events.of(OrderEvent.Accepted.class, buy.clientOrderId())).hasSize(1);
    }
}
