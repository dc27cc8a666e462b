package io.fixbridge.venue.ccxt;

import io.fixbridge.testkit.LogCapture;
import io.fixbridge.venue.BookInterrupted;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The adapter's side of the market data protocol against a scripted sidecar ({@code node -e}) that answers
 * {@code watchMarketData} with a fixed run of events — what the real sidecar sends (see the bridge's node tests
 * for how it gets them from ccxt), staged exactly: a book of three levels (the adapter keeps {@code bookDepth}
 * 2), the same top again, a changed top, two public trades (one without id), the same interruption twice and a
 * resynced book. The sockets-to-the-simulators tests are BinanceMarketDataTest and BybitMarketDataTest.
 */
class CcxtMarketDataTest {
    /** argv[1]: the fixtures directory. Counts watchMarketData calls; writes them to stderr for the log. */
    private static final String SCRIPT = """
            const fs = require('node:fs');
            const dir = process.argv[1];
            const load = (n) => JSON.parse(fs.readFileSync(dir + '/' + n + '.json', 'utf8')).result;
            const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
            let watches = 0;
            require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
              const r = JSON.parse(line);
              const ok = (result) => out({ id: r.id, ok: true, result });
              const p = r.params || {};
              switch (r.method) {
                case 'hello': return ok({ protocol: 1, ccxtVersion: 'scripted', node: process.version });
                case 'ping': return ok({ time: Date.now() });
                case 'open': return ok({ ...load('sidecar_open_binance'), classes: ['binance'] });
                case 'loadMarkets': return ok(load('sidecar_loadMarkets_binance'));
                case 'subscribe': return ok({ mode: 'watch' });
                case 'watchMarketData': {
                  watches += 1;
                  process.stderr.write('INFO watchMarketData ' + p.symbol + ' depth ' + p.depth + ' #' + watches + '\\n');
                  ok({ limit: null, trades: true, unWatch: true });
                  const s = p.symbol;
                  const book = (resynced, nonce, bids, asks) => out({ event: 'book', account: p.account, symbol: s,
                    resynced, nonce, timestamp: 1700000000000 + nonce, bids, asks });
                  book(true, 1, [['60000.00', '1.5'], ['59999.99', '2'], ['59999.98', '3']], [['60000.01', '0.5'], ['60000.02', '1']]);
                  book(false, 2, [['60000.00', '1.5'], ['59999.99', '2'], ['59999.98', '4']], [['60000.01', '0.5'], ['60000.02', '1']]);
                  book(false, 3, [['60000.00', '1.25'], ['59999.99', '2']], [['60000.01', '0.5'], ['60000.02', '1']]);
                  out({ event: 'publicTrades', account: p.account, symbol: s, data: [
                    { id: '901', price: '60000.01', amount: '0.25', side: 'buy', timestamp: 1700000000004 },
                    { id: null, price: '60000.01', amount: '0.1', side: 'buy', timestamp: 1700000000005 } ] });
                  out({ event: 'bookInterrupted', account: p.account, symbol: s, reason: 'sequence gap: ChecksumError: binance BTC/USDT' });
                  out({ event: 'bookInterrupted', account: p.account, symbol: s, reason: 'sequence gap: again' });
                  book(true, 9, [['59990.00', '1']], [['60010.00', '1']]);
                  return;
                }
                case 'unwatchMarketData': return ok({ unwatched: true });
                case 'close': case 'shutdown': return ok({});
                default: return out({ id: r.id, ok: false, error: { class: 'ProtocolError', classes: ['ProtocolError'],
                  message: 'unknown method ' + r.method, code: null } });
              }
            }).on('close', () => process.exit(0));
            """;

    private CcxtAdapter adapter;

    @BeforeEach
    void start() throws URISyntaxException {
        Path fixtures = Path.of(CcxtMarketDataTest.class.getResource("/fixtures").toURI());
        Map<String, Object> venue = new LinkedHashMap<>(Map.of("exchange", "binance", "bookDepth", 2));
        CcxtConfig config = CcxtConfig.from(SimSupport.settings("scripted", venue));
        adapter = new CcxtAdapter("scripted", config, Clock.systemUTC(), List.of("node", "-e", SCRIPT,
                fixtures.toString()));
        adapter.subscribe(e -> { });
        answer(adapter.connect());
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    private static PriceLevel level(String price, String size) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(size));
    }

    /** What one run of the script gives a subscriber: books cut to 2 levels, duplicates and the trade without id out. */
    private static void assertScriptedRun(List<MarketDataEvent> got) {
        assertThat(got).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("BookSnapshot", "BookSnapshot", "MarketTrade", "BookInterrupted", "BookSnapshot");
        BookSnapshot first = (BookSnapshot) got.get(0);
        assertThat(first.resynced()).isTrue();
        assertThat(first.bids()).containsExactly(level("60000.00", "1.5"), level("59999.99", "2"));
        assertThat(first.asks()).containsExactly(level("60000.01", "0.5"), level("60000.02", "1"));
        assertThat(first.venueTime()).isEqualTo(Instant.ofEpochMilli(1700000000001L));
        BookSnapshot changed = (BookSnapshot) got.get(1);
        assertThat(changed.resynced()).isFalse();
        assertThat(changed.bids().get(0)).isEqualTo(level("60000.00", "1.25"));
        MarketTrade t = (MarketTrade) got.get(2);
        assertThat(t.tradeId()).isEqualTo("901");
        assertThat(t.price()).isEqualByComparingTo("60000.01");
        assertThat(t.quantity()).isEqualByComparingTo("0.25");
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(1700000000004L));
        assertThat(((BookInterrupted) got.get(3)).reason()).isEqualTo("sequence gap: ChecksumError: binance BTC/USDT");
        BookSnapshot resynced = (BookSnapshot) got.get(4);
        assertThat(resynced.resynced()).isTrue();
        assertThat(resynced.bids()).containsExactly(level("59990.00", "1"));
        assertThat(got).allSatisfy(e -> assertThat(e.symbol()).isEqualTo("BTC/USDT"));
    }

    @Test
    void theSidecarsEventsBecomeBooksOfBookDepthTradesAndOneInterruptionBeforeTheResync() {
        assertThat(adapter.maxBookDepth()).isEqualTo(2);
        List<MarketDataEvent> got = new CopyOnWriteArrayList<>();
        try (LogCapture log = new LogCapture()) {
            MarketDataSubscription s = adapter.subscribeMarketData("BTC/USDT", got::add);
            assertThat(s.symbol()).isEqualTo("BTC/USDT");
            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 5);
            assertScriptedRun(got);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.lines())
                    .anyMatch(m -> m.startsWith("INFO") && m.contains("book of BTC/USDT interrupted: sequence gap"))
                    .anyMatch(m -> m.startsWith("INFO") && m.contains("book of BTC/USDT resynced (1 bids, 1 asks)")));
            s.close();
        }
    }

    @Test
    void subscriptionsOfOneSymbolShareOneWatchAndALaterOneStartsWithTheHeldBookResynced() {
        List<MarketDataEvent> first = new CopyOnWriteArrayList<>();
        List<MarketDataEvent> second = new CopyOnWriteArrayList<>();
        MarketDataSubscription a = adapter.subscribeMarketData("BTC/USDT", first::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() >= 5);
        MarketDataSubscription b = adapter.subscribeMarketData("BTC/USDT", second::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !second.isEmpty());

        assertThat(second).hasSize(1);
        assertThat(second.get(0)).isInstanceOfSatisfying(BookSnapshot.class, book -> {
            assertThat(book.resynced()).as("a subscription's first book is a resync").isTrue();
            assertThat(book.bids()).containsExactly(level("59990.00", "1"));
        });
        assertThat(first).as("no second watch: the script would have replayed its run").hasSize(5);
        a.close();
        b.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> adapter.marketDataSymbols().isEmpty());

        List<MarketDataEvent> third = new CopyOnWriteArrayList<>();
        MarketDataSubscription c = adapter.subscribeMarketData("BTC/USDT", third::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> third.size() >= 5);
        assertScriptedRun(third);
        assertThat(first).as("nothing is delivered after close").hasSize(5);
        assertThat(second).hasSize(1);
        c.close();
    }

    @Test
    void aSidecarRestartIsAnInterruptionFollowedByAResyncedBookFromTheNewSidecar() {
        List<MarketDataEvent> got = new CopyOnWriteArrayList<>();
        MarketDataSubscription s = adapter.subscribeMarketData("BTC/USDT", got::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 5);
        long pid = adapter.sidecarPid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= 11);
        assertThat(adapter.sidecarPid()).isNotEqualTo(pid);
        assertThat(got.get(5)).isInstanceOfSatisfying(BookInterrupted.class, i ->
                assertThat(i.reason()).startsWith("the ccxt sidecar stopped (the sidecar exited with code"));
        assertScriptedRun(got.subList(6, 11));
        s.close();
    }

    @Test
    void aSymbolTheAdapterDoesNotListIsRefused() {
        assertThatThrownBy(() -> adapter.subscribeMarketData("NOSUCH/COIN", e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not list NOSUCH/COIN");
        assertThat(adapter.marketDataSymbols()).isEmpty();
    }
}
