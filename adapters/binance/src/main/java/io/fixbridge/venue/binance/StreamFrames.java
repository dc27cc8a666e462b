package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.binance.dto.AggTradeEvent;
import io.fixbridge.venue.binance.dto.AlgoUpdate;
import io.fixbridge.venue.binance.dto.DepthUpdate;
import io.fixbridge.venue.binance.dto.ExecutionReport;
import io.fixbridge.venue.binance.dto.OrderTradeUpdate;
import io.fixbridge.venue.binance.dto.TradeEvent;
import io.fixbridge.venue.binance.dto.WsApiResponse;

/**
 * Sorts the text frames of Binance's WebSockets into what they are. Pure; thread-safe.
 *
 * <p>The spot WebSocket API connection carries both answers to requests
 * ({@code {"id":...,"status":...}}) and, once {@code userDataStream.subscribe.signature} succeeded,
 * user-data events wrapped as {@code {"subscriptionId":N,"event":{...}}}. The futures user stream
 * ({@code /ws/<listenKey>}) carries bare events ({@code {"e":"ORDER_TRADE_UPDATE",...}}).
 */
public final class StreamFrames {
    private StreamFrames() {
    }

    /** A frame of the spot WebSocket API connection. */
    public sealed interface SpotFrame {
    }

    /** An answer to a request. */
    public record Answer(WsApiResponse response) implements SpotFrame {
    }

    /** An order update. */
    public record Execution(ExecutionReport report) implements SpotFrame {
    }

    /** The subscription ended ({@code eventStreamTerminated}); it must be renewed. */
    public record Terminated() implements SpotFrame {
    }

    /** Anything else (balance and account updates, list status; market events not followed): not used. */
    public record Other(String eventType) implements SpotFrame, FuturesFrame, MarketFrame {
    }

    /** A frame of a public market stream connection ({@code /ws}, raw events). */
    public sealed interface MarketFrame {
    }

    /** A diff-depth event. */
    public record Depth(DepthUpdate update) implements MarketFrame {
    }

    /** A spot trade event. */
    public record Trade(TradeEvent trade) implements MarketFrame {
    }

    /** An aggregate trade event. */
    public record AggTrade(AggTradeEvent trade) implements MarketFrame {
    }

    /**
     * The answer to a live request ({@code SUBSCRIBE}, {@code UNSUBSCRIBE}, ...): success is
     * {@code {"result":..,"id":..}}, failure {@code {"code":..,"msg":..[,"id":..]}}.
     *
     * @param id   the request's id, or null when the error names none
     * @param code the error code, null on success
     * @param msg  the error text, null on success
     */
    public record RequestAnswer(Long id, Integer code, String msg) implements MarketFrame {
        /** Whether the request succeeded. */
        public boolean ok() {
            return code == null;
        }
    }

    /** A frame of the futures user stream. */
    public sealed interface FuturesFrame {
    }

    /** A regular order's update. */
    public record OrderUpdate(OrderTradeUpdate update) implements FuturesFrame {
    }

    /** A conditional (algo) order's update. */
    public record AlgoOrderUpdate(AlgoUpdate update) implements FuturesFrame {
    }

    /** The listen key expired; the stream must be re-created. */
    public record ListenKeyExpired() implements FuturesFrame {
    }

    /**
     * Sorts a frame of a public market stream connection (a combined stream's
     * {@code {"stream":..,"data":..}} wrapper is taken off).
     *
     * @throws java.io.UncheckedIOException when it is not JSON
     * @throws IllegalArgumentException when a known event does not have its fields
     */
    public static MarketFrame market(String text) {
        JsonNode node = BinanceJson.tree(text);
        if (node.has("stream") && node.has("data")) {
            node = node.get("data");
        }
        if (node.has("code") && !node.has("e")) {
            JsonNode id = node.get("id");
            return new RequestAnswer(id == null || !id.canConvertToLong() ? null : id.asLong(),
                    node.get("code").asInt(), node.path("msg").asText(""));
        }
        if (node.has("result") && node.has("id")) {
            JsonNode id = node.get("id");
            return new RequestAnswer(id.canConvertToLong() ? id.asLong() : null, null, null);
        }
        String type = node.path("e").asText("");
        try {
            return switch (type) {
                case "depthUpdate" -> new Depth(BinanceJson.convert(node, DepthUpdate.class));
                case "trade" -> new Trade(BinanceJson.convert(node, TradeEvent.class));
                case "aggTrade" -> new AggTrade(BinanceJson.convert(node, AggTradeEvent.class));
                default -> new Other(type);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a " + type + " event does not have Binance's fields: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sorts a spot frame.
     *
     * @throws java.io.UncheckedIOException when it is not JSON
     */
    public static SpotFrame spot(String text) {
        JsonNode node = BinanceJson.tree(text);
        if (node.has("id") && (node.has("status") || node.has("result") || node.has("error"))) {
            return new Answer(BinanceJson.convert(node, WsApiResponse.class));
        }
        JsonNode event = node.has("event") ? node.get("event") : node;
        String type = event.path("e").asText("");
        return switch (type) {
            case "executionReport" -> new Execution(BinanceJson.convert(event, ExecutionReport.class));
            case "eventStreamTerminated" -> new Terminated();
            default -> new Other(type);
        };
    }

    /**
     * Sorts a futures frame.
     *
     * @throws java.io.UncheckedIOException when it is not JSON
     */
    public static FuturesFrame futures(String text) {
        JsonNode node = BinanceJson.tree(text);
        JsonNode event = node.has("data") && node.get("data").isObject() ? node.get("data") : node;
        String type = event.path("e").asText("");
        return switch (type) {
            case "ORDER_TRADE_UPDATE" -> new OrderUpdate(BinanceJson.convert(event, OrderTradeUpdate.class));
            case "ALGO_UPDATE" -> new AlgoOrderUpdate(BinanceJson.convert(event, AlgoUpdate.class));
            case "listenKeyExpired" -> new ListenKeyExpired();
            default -> new Other(type);
        };
    }
}
