package io.fixbridge.gateway.harness;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The venue simulator's control plane ({@code /_sim/...} on the simulator's own port, JSON over
 * HTTP): fault switches, the market, and the truth of every order.
 *
 * <p><b>Threading:</b> thread-safe (one {@link HttpClient}). <b>Errors:</b> every call that does
 * not get a 200 throws {@link HarnessFailure} with the status and body; interrupts are kept and
 * rethrown as {@link HarnessFailure}.
 */
public final class SimControl {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String account;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param port    the simulator's port on 127.0.0.1
     * @param account the simulator account whose orders {@link #orders} reads
     */
    public SimControl(int port, String account) {
        this.base = "http://127.0.0.1:" + port;
        this.account = account;
    }

    /** The bid and ask of a symbol. */
    public record Quote(BigDecimal bid, BigDecimal ask) {
        public BigDecimal mid() {
            return bid.add(ask).divide(BigDecimal.valueOf(2));
        }
    }

    /**
     * Sets fault switches: any subset of failNextRequests, failureStatus, loseNextOrderResponses,
     * dropUserDataStreams, latencyMs, reset. Returns what the simulator says it applied.
     */
    public List<String> faults(Map<String, Object> switches) {
        JsonNode answer = call("POST", "/_sim/faults", switches);
        List<String> applied = new ArrayList<>();
        answer.path("applied").forEach(n -> applied.add(n.asText()));
        return applied;
    }

    /**
     * Moves the spot market of {@code symbol} (Binance spelling) so its mid is {@code price}; resting
     * orders the new quotes cross trade before the answer comes.
     */
    public Quote moveMarket(String symbol, BigDecimal price) {
        return quote(call("POST", "/_sim/market", Map.of("symbol", symbol, "price", price.toPlainString(), "market", "spot")));
    }

    /** The spot market of {@code symbol} now. */
    public Quote market(String symbol) {
        return quote(call("GET", "/_sim/market?market=spot&symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8), null));
    }

    /** Every order of the account the venue ever had, done and replaced ones included. */
    public List<VenueOrder> orders() {
        JsonNode answer = call("GET", "/_sim/orders?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8), null);
        List<VenueOrder> out = new ArrayList<>();
        for (JsonNode o : answer.path("orders")) {
            List<VenueTrade> fills = new ArrayList<>();
            for (JsonNode f : o.path("fills")) {
                fills.add(new VenueTrade(f.path("tradeId").asText(), decimal(f, "qty"), decimal(f, "price")));
            }
            out.add(new VenueOrder(o.path("orderId").asText(), o.path("clientOrderId").asText(), o.path("side").asText(),
                    o.path("status").asText(), decimal(o, "origQty"), decimal(o, "executedQty"), decimal(o, "price"), fills));
        }
        return out;
    }

    /** The top of book; a side the book has emptied (null) is taken as the synthetic mid. */
    private static Quote quote(JsonNode n) {
        BigDecimal bid = decimal(n, "bid");
        BigDecimal ask = decimal(n, "ask");
        BigDecimal mid = decimal(n, "mid");
        if ((bid == null || ask == null) && mid == null) {
            throw new HarnessFailure("the simulator's market answer has neither bid and ask nor mid: " + n);
        }
        return new Quote(bid != null ? bid : mid, ask != null ? ask : mid);
    }

    private static BigDecimal decimal(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            return null;
        }
        return new BigDecimal(n.asText());
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        try {
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new HarnessFailure("simulator control plane: " + method + " " + path + " answered HTTP "
                        + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new HarnessFailure("simulator control plane: " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessFailure("interrupted while calling the simulator's control plane", e);
        }
    }
}
