package io.fixbridge.venue.ccxt;

import io.fixbridge.testkit.LogCapture;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter against a scripted sidecar ({@code node -e}) that answers with our captured Binance fixtures
 * and stages what the simulators cannot: a stream trade that arrives before the createOrder answer naming
 * its order, and an exchange ccxt cannot ask by client order id (the sidecar answers NotSupported).
 */
class ScriptedSidecarTest {
    /**
     * argv[1]: the fixtures directory; argv[2]: the ccxt class chain open reports (JSON). Every createOrder gets
     * order id 5001, its first fill streamed before the answer; editOrder answers order 5002 with the client
     * order id and amount it was sent.
     */
    private static final String SCRIPT = """
            const fs = require('node:fs');
            const dir = process.argv[1];
            const load = (n) => JSON.parse(fs.readFileSync(dir + '/' + n + '.json', 'utf8')).result;
            const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
            const myTrades = [];
            let created = 0;
            const orders = {};
            require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
              const r = JSON.parse(line);
              const ok = (result) => out({ id: r.id, ok: true, result });
              const p = r.params || {};
              switch (r.method) {
                case 'hello': return ok({ protocol: 1, ccxtVersion: 'scripted', node: process.version });
                case 'ping': return ok({ time: Date.now() });
                case 'open': return ok({ ...load('sidecar_open_binance'), exchange: p.exchange,
                  classes: JSON.parse(process.argv[2]) });
                case 'loadMarkets': return ok(load('sidecar_loadMarkets_binance'));
                case 'subscribe':
                  out({ event: 'stream', account: p.account, state: 'up', detail: 'scripted' });
                  return ok({ mode: 'watch' });
                case 'createOrder': {
                  const o = load('sidecar_createOrder_binance_limit');
                  const cid = p.params.clientOrderId;
                  const fill = { id: 't-' + cid, order: '5001', clientOrderId: null, symbol: p.symbol, side: p.side,
                    price: Number(p.price), amount: Number(p.amount), cost: Number(p.amount) * Number(p.price),
                    fee: { cost: 0.01, currency: 'USDT' }, takerOrMaker: 'maker', timestamp: Date.now() };
                  if (cid.startsWith('held-')) {
                    // filled at once; the answer has no trades, the stream never sends them; fetchMyTrades has them
                    myTrades.push(fill);
                    return ok({ ...o, id: '5001', clientOrderId: cid, symbol: p.symbol, status: 'closed',
                      amount: Number(p.amount), price: Number(p.price), filled: Number(p.amount), remaining: 0 });
                  }
                  if (cid.startsWith('ctn-')) {
                    // rests; a cancel of it answers that 0.0006 filled meanwhile (no stream news of it)
                    const placed = { ...o, id: String(5001 + created++), clientOrderId: cid, symbol: p.symbol,
                      amount: Number(p.amount), price: Number(p.price), filled: 0, remaining: Number(p.amount) };
                    orders[cid] = placed;
                    return ok(placed);
                  }
                  if (cid.startsWith('unknown-')) {
                    // answered closed without a filled amount; the query by client order id knows it filled
                    orders[cid] = { ...o, id: '5001', clientOrderId: cid, symbol: p.symbol, status: 'closed',
                      amount: Number(p.amount), price: Number(p.price), filled: Number(p.amount), remaining: 0,
                      trades: [fill] };
                    return ok({ ...o, id: '5001', clientOrderId: cid, symbol: p.symbol, status: 'closed',
                      amount: Number(p.amount), price: Number(p.price), filled: null, remaining: null });
                  }
                  if (cid.startsWith('quiet-')) {
                    // rests; fills later without any stream news: only a query by client order id finds it
                    const open = { ...o, id: '5001', clientOrderId: cid, symbol: p.symbol, amount: Number(p.amount),
                      price: Number(p.price), filled: 0, remaining: Number(p.amount) };
                    orders[cid] = open;
                    setTimeout(() => { orders[cid] = { ...open, status: 'closed', filled: open.amount, remaining: 0,
                      trades: [fill] }; }, 200);
                    return ok(open);
                  }
                  Object.assign(o, { id: '5001', clientOrderId: p.params.clientOrderId, symbol: p.symbol,
                    amount: Number(p.amount), price: Number(p.price), filled: 0.0004, remaining: Number(p.amount) - 0.0004 });
                  out({ event: 'trades', account: p.account, data: [{ id: 't-5001-1', order: '5001', clientOrderId: null,
                    symbol: p.symbol, side: p.side, price: Number(p.price), amount: 0.0004, cost: 0.0004 * Number(p.price),
                    fee: { cost: 0.01, currency: 'USDT' }, takerOrMaker: 'maker', timestamp: Date.now() }] });
                  setTimeout(() => ok(o), 100);
                  return;
                }
                case 'editOrder': {
                  const o = load('sidecar_createOrder_binance_limit');
                  return ok({ ...o, id: '5002', clientOrderId: (p.params || {}).clientOrderId ?? null,
                    symbol: p.symbol, amount: Number(p.amount), price: Number(p.price), filled: 0,
                    remaining: Number(p.amount) });
                }
                case 'fetchOrderByClientId':
                  if (orders[p.clientOrderId]) return ok(orders[p.clientOrderId]);
                  return out({ id: r.id, ok: false, error: { class: 'NotSupported',
                    classes: ['NotSupported', 'ExchangeError', 'BaseError'],
                    message: 'scripted cannot fetch an order by client order id', code: null } });
                case 'fetchMyTrades': return ok(myTrades);
                case 'cancelOrder': return ok({ ...load('sidecar_createOrder_binance_limit'), id: p.id,
                  clientOrderId: null, symbol: p.symbol, status: 'canceled', amount: 0.001, filled: 0.0006,
                  remaining: 0.0004 });
                case 'track': case 'untrack': case 'close': case 'shutdown': return ok({});
                default: return out({ id: r.id, ok: false, error: { class: 'ProtocolError', classes: ['ProtocolError'],
                  message: 'unknown method ' + r.method, code: null } });
              }
            }).on('close', () => process.exit(0));
            """;

    private CcxtAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    private void start(String exchange, String classes) throws URISyntaxException {
        start(exchange, classes, a -> { });
    }

    private void start(String exchange, String classes, java.util.function.Consumer<CcxtAdapter> tune)
            throws URISyntaxException {
        Path fixtures = Path.of(ScriptedSidecarTest.class.getResource("/fixtures").toURI());
        CcxtConfig config = CcxtConfig.from(SimSupport.settings("scripted", new java.util.LinkedHashMap<>(
                Map.of("exchange", exchange))));
        adapter = new CcxtAdapter("scripted", config, Clock.systemUTC(), List.of("node", "-e", SCRIPT,
                fixtures.toString(), classes));
        tune.accept(adapter);
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @BeforeEach
    void binance() throws URISyntaxException {
        start("binance", "[\"binance\"]");
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    @Test
    void aSubclassOfBinanceReplacesLikeBinanceSpot() throws URISyntaxException {
        // finding 6: binanceus extends ccxt's binance: its spot edit is order/cancelReplace, a new order
        adapter.close();
        start("binanceus", "[\"binanceus\", \"binance\"]");
        OrderRequest order = limit("BTC/USDT", Side.BUY, "0.001", "50000.00");
        OrderEvent.Accepted a = answer(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(Orders.newId()).price(new BigDecimal("50001.00"))
                .build();

        OrderEvent.Replaced r = answer(adapter.replace(new ReplaceRequest(order, a.venueOrderId(), BigDecimal.ZERO,
                replacement)));

        assertThat(adapter.capabilities().replaceMode()).isEqualTo(ReplaceMode.CANCEL_THEN_NEW);
        assertThat(r.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(r.venueOrderId()).isEqualTo("5002");
    }

    @Test
    void aStreamTradeBeforeTheCreateOrderAnswerIsReportedAfterTheAccept() {
        // finding 1: the trade names only the exchange order id, which the tracker learns from the answer
        OrderRequest buy = limit("BTC/USDT", Side.BUY, "0.001", "50000.00");

        OrderEvent.Accepted accepted = answer(adapter.submit(buy));

        assertThat(accepted.venueOrderId()).isEqualTo("5001");
        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()))
                .extracting(OrderEvent.Fill::tradeId).containsExactly("t-5001-1"));
        assertThat(events.about(buy.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill");
        assertThat(events.fills(buy.clientOrderId()).get(0).venueOrderId()).isEqualTo("5001");
    }

    @Test
    void anEndHeldTooLongForItsFillsFetchesTheOrdersTradesBeforeReleasingIt() throws URISyntaxException {
        // finding 2: closed and filled, no trade in the answer or the stream: the fill used to be lost for good
        adapter.close();
        start("binance", "[\"binance\"]", a -> {
            a.housekeepingPeriod = Duration.ofMillis(100);
            a.heldEndPatience = Duration.ofMillis(300);
        });
        OrderRequest buy = limit("BTC/USDT", Side.BUY, "0.001", "50000.00").toBuilder()
                .clientOrderId("held-" + Orders.newId()).build();

        answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()))
                .singleElement().satisfies(f -> {
                    assertThat(f.tradeId()).isEqualTo("t-" + buy.clientOrderId());
                    assertThat(f.orderFilled()).isTrue();
                }));
        assertThat(events.about(buy.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill");
    }

    @Test
    void aQuietOpenOrderIsRefreshedByClientOrderIdAndItsFillFound() throws URISyntaxException {
        // finding 4: open orders are never forgotten and asked for periodically; this one fills with no stream news
        adapter.close();
        start("binance", "[\"binance\"]", a -> {
            a.housekeepingPeriod = Duration.ofMillis(100);
            a.openOrderRefresh = Duration.ofMillis(300);
        });
        OrderRequest buy = limit("BTC/USDT", Side.BUY, "0.001", "50000.00").toBuilder()
                .clientOrderId("quiet-" + Orders.newId()).build();

        answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()))
                .extracting(OrderEvent.Fill::tradeId).containsExactly("t-" + buy.clientOrderId()));
        assertThat(events.fills(buy.clientOrderId()).get(0).orderFilled()).isTrue();
    }

    @Test
    void aCancelThenNewReplacementIsSizedByWhatTheCancelAnswerSaysFilled() {
        // finding 5: 0.0006 filled during the cancel round trip; only the cancel answer says so
        OrderRequest order = limit("BTC/USDT", Side.BUY, "0.001", "50000.00").toBuilder()
                .clientOrderId("ctn-" + Orders.newId()).build();
        OrderEvent.Accepted a = answer(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId("ctn-" + Orders.newId())
                .price(new BigDecimal("50001.00")).build();
        adapter.editStyleOverride = EditStyle.CANCEL_THEN_NEW;

        answer(adapter.replace(new ReplaceRequest(order, a.venueOrderId(), BigDecimal.ZERO, replacement)));

        assertThat(answer(adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", replacement.clientOrderId())))
                .hasValueSatisfying(s -> assertThat(s.quantity()).as("sent: 0.001 - 0.0006")
                        .isEqualByComparingTo("0.0004"));
    }

    @Test
    void aClosedOrderWithAnUnknownFilledAmountIsQueriedNotExpired() {
        // finding 3: closed + filled null used to count as filled short: Expired
        OrderRequest buy = limit("BTC/USDT", Side.BUY, "0.001", "50000.00").toBuilder()
                .clientOrderId("unknown-" + Orders.newId()).build();

        answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()))
                .extracting(OrderEvent.Fill::orderFilled).containsExactly(true));
        assertThat(events.about(buy.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill");
    }

    @Test
    void aQueryWhereTheExchangeCannotBeAskedByClientOrderIdIsRetryableAndLoggedOnce() {
        // finding 7: never a "not found" that would make the gateway reject a live order
        try (LogCapture logs = new LogCapture()) {
            VenueError first = failure(adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", "c-unknown"));
            VenueError second = failure(adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", "c-unknown"));

            assertThat(first.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(second.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(first.message()).contains("cannot be asked for an order by client order id");
            assertThat(logs.lines().stream().filter(l -> l.startsWith("ERROR") && l.contains("c-unknown")
                    && l.contains("by client order id"))).hasSize(1);
        }
    }
}
