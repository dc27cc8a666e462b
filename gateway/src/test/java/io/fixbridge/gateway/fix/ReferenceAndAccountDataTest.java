package io.fixbridge.gateway.fix;

import io.fixbridge.testkit.fix.FixTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.fixbridge.gateway.fix.DataRequests.with;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.testkit.fix.FixTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security lists, positions and balances over a real FIX session against the paper venue: the
 * instruments with the rules gateway.yaml gives them, every SecurityRequestResult, a perpetual
 * position after a fill, the account's balances, and refusals that name what was wrong.
 */
class ReferenceAndAccountDataTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void securityListCarriesEveryInstrumentWithItsRules() throws Exception {
        try (TestGateway gateway = new TestGateway(dir).start();
             FixTestClient oms = gateway.client(dir.resolve("oms"))) {
            oms.send(DataRequests.securityList("ALL", 4, null, null));
            Message list = oms.awaitMessage(with("y", 320, "ALL"), WAIT);
            assertThat(field(list, 560)).isEqualTo("0");
            assertThat(field(list, 393)).isEqualTo("4");
            assertThat(field(list, 893)).isEqualTo("Y");
            Map<String, Group> bySymbol = new HashMap<>();
            for (Group g : list.getGroups(146)) {
                bySymbol.put(g.getString(55), g);
            }
            assertThat(bySymbol).containsOnlyKeys("BTC/USDT", "ETH/USDT", "BTC/USDT:USDT", "DOGE/USDT");
            Group btc = bySymbol.get("BTC/USDT");
            assertThat(btc.getString(207)).isEqualTo("paper");
            assertThat(btc.getString(167)).isEqualTo("FOR");
            assertThat(btc.getString(762)).isEqualTo("SPOT");
            assertThat(btc.getString(15)).isEqualTo("USDT");
            assertThat(btc.getString(969)).as("tick").isEqualTo("0.01");
            assertThat(btc.getString(561)).as("lot").isEqualTo("0.00001");
            assertThat(btc.getString(562)).as("min qty").isEqualTo("0.00001");
            assertThat(btc.getString(1140)).as("max qty").isEqualTo("9000");
            assertThat(btc.getString(20002)).as("min notional").isEqualTo("5");
            assertThat(btc.getInt(326)).as("ready to trade").isEqualTo(17);
            assertThat(btc.isSetField(231)).as("no contract multiplier on spot").isFalse();
            Group perp = bySymbol.get("BTC/USDT:USDT");
            assertThat(perp.getString(167)).isEqualTo("FUT");
            assertThat(perp.getString(762)).isEqualTo("LINEAR_PERPETUAL");
            assertThat(perp.getString(231)).isEqualTo("1");
            assertThat(perp.getString(20003)).isEqualTo("USDT");
            assertThat(perp.getString(969)).isEqualTo("0.1");
            assertThat(bySymbol.get("DOGE/USDT").getInt(326)).as("halted").isEqualTo(2);

            oms.send(DataRequests.securityList("ONE", 0, "ETH/USDT", "paper"));
            Message one = oms.awaitMessage(with("y", 320, "ONE"), WAIT);
            assertThat(one.getGroups(146)).hasSize(1);
            assertThat(one.getGroups(146).get(0).getString(55)).isEqualTo("ETH/USDT");

            oms.send(DataRequests.securityList("NONE", 0, "XRP/USDT", null));
            Message none = oms.awaitMessage(with("y", 320, "NONE"), WAIT);
            assertThat(field(none, 560)).isEqualTo("2");
            assertThat(field(none, 58)).contains("no instrument XRP/USDT on venue paper");
            oms.send(DataRequests.securityList("VENUE", 4, null, "nosuch"));
            Message venue = oms.awaitMessage(with("y", 320, "VENUE"), WAIT);
            assertThat(field(venue, 560)).isEqualTo("1");
            assertThat(field(venue, 58)).contains("SecurityExchange(207)=nosuch is not a venue").contains("[paper]");
            oms.send(DataRequests.securityList("TYPE", 1, null, null));
            Message type = oms.awaitMessage(with("y", 320, "TYPE"), WAIT);
            assertThat(field(type, 560)).isEqualTo("1");
            assertThat(field(type, 58)).contains("SecurityListRequestType(559)=1 is not supported");
        }
    }

    @Test
    void positionsAndBalancesAreTheVenuesAccount() throws Exception {
        try (TestGateway gateway = new TestGateway(dir).start();
             FixTestClient oms = gateway.client(dir.resolve("oms"))) {
            oms.send(DataRequests.positions("P0", "main", null));
            Message none = oms.awaitMessage(with("AO", 710, "P0"), WAIT);
            assertThat(field(none, 728)).as("no positions found").isEqualTo("2");
            assertThat(field(none, 729)).as("completed").isEqualTo("0");

            oms.send(Orders.market("L1", "BTC/USDT:USDT", '1', "0.25"));
            oms.awaitMessage(report("L1", 'F').and(m -> "2".equals(field(m, 39))), WAIT);
            oms.send(DataRequests.positions("P1", "main", "paper"));
            Message ack = oms.awaitMessage(with("AO", 710, "P1"), WAIT);
            assertThat(field(ack, 728)).isEqualTo("0");
            assertThat(field(ack, 727)).isEqualTo("1");
            Message position = oms.awaitMessage(with("AP", 710, "P1"), WAIT);
            assertThat(field(position, 55)).isEqualTo("BTC/USDT:USDT");
            assertThat(field(position, 1)).isEqualTo("main");
            assertThat(field(position, 15)).isEqualTo("USDT");
            Group qty = position.getGroups(702).get(0);
            assertThat(qty.getString(704)).as("LongQty").isEqualTo("0.25");
            assertThat(qty.getString(705)).as("ShortQty").isEqualTo("0");
            assertThat(Double.parseDouble(field(position, 734))).as("entry price near the 60000 mid").isBetween(59000.0, 61000.0);
            assertThat(field(position, 731)).isEqualTo("2");

            oms.send(DataRequests.balances("C1", "main", "paper"));
            Message collateralAck = oms.awaitMessage(with("BG", 909, "C1"), WAIT);
            assertThat(field(collateralAck, 946)).isEqualTo("0");
            int reports = Integer.parseInt(field(collateralAck, 911));
            List<Message> assets = oms.awaitAll(WAIT, java.util.stream.IntStream.range(0, reports)
                    .mapToObj(i -> (java.util.function.Predicate<Message>) m -> "BA".equals(field(m, 35)) && "C1".equals(field(m, 909)))
                    .toArray(java.util.function.Predicate[]::new));
            Map<String, Message> byAsset = new HashMap<>();
            assets.forEach(m -> byAsset.put(field(m, 15), m));
            assertThat(byAsset).containsKeys("USDT", "BTC", "ETH", "DOGE");
            assertThat(field(byAsset.get("BTC"), 53)).isEqualTo("10");
            assertThat(field(byAsset.get("BTC"), 20005)).isEqualTo("10");
            assertThat(Double.parseDouble(field(byAsset.get("USDT"), 20005)))
                    .as("margin and fees of the perpetual buy are no longer available").isLessThan(1_000_000.0);

            oms.send(DataRequests.balances("C2", "nobody", "paper"));
            Message refused = oms.awaitMessage(with("BG", 909, "C2"), WAIT);
            assertThat(field(refused, 945)).as("rejected").isEqualTo("4");
            assertThat(field(refused, 58)).contains("Account(1)=nobody is not an account of venue paper").contains("[main]");
            oms.send(DataRequests.positions("P2", "main", "nosuch"));
            Message unknownVenue = oms.awaitMessage(with("AO", 710, "P2"), WAIT);
            assertThat(field(unknownVenue, 728)).isEqualTo("1");
            assertThat(field(unknownVenue, 729)).isEqualTo("2");
            assertThat(field(unknownVenue, 58)).contains("venue nosuch is not a venue of this gateway");
        }
    }
}
