package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.binance.dto.AlgoUpdate;
import io.fixbridge.venue.binance.dto.ExecutionReport;
import io.fixbridge.venue.binance.dto.OrderTradeUpdate;
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

    /** Anything else (balance and account updates, list status): not about order events. */
    public record Other(String eventType) implements SpotFrame, FuturesFrame {
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
