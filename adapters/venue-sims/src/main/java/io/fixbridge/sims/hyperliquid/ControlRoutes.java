package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.ControlError;
import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.ControlRequest;
import io.fixbridge.sims.common.SimJson;

import java.util.Iterator;

/**
 * The Hyperliquid simulator's control plane under {@code /_sim/} (JSON in and out):
 * <ul>
 *   <li>{@code GET /_sim/health} → {@code {"venue":"hyperliquid"}};</li>
 *   <li>{@code POST /_sim/book-gap} {@code {"symbol":"BTC"}} (a coin: {@code BTC}, {@code PURR/USDC},
 *       {@code @1}) → {@code {"dropped":"next","symbol":"BTC"}}: the coin's next {@code l2Book} message is
 *       not sent ({@link MarketControl#dropNextBookUpdate}); an unknown coin is 404.</li>
 * </ul>
 *
 * <p><b>Threading:</b> stateless factory; the handlers it installs run on the control plane's thread and
 * wait for the engine thread.
 */
final class ControlRoutes {
    private ControlRoutes() {
    }

    /** A control plane with every Hyperliquid route; the caller owns (and closes) it. */
    static ControlPlane controlPlane(MarketControl market) {
        return new ControlPlane("hyperliquid").route("POST", "book-gap", request -> bookGap(request, market));
    }

    private static ObjectNode bookGap(ControlRequest request, MarketControl market) {
        ObjectNode body = request.jsonObject();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("symbol")) {
                throw ControlError.badRequest("unknown key '" + key + "'; POST /_sim/book-gap takes symbol (a coin)");
            }
        }
        JsonNode s = body.get("symbol");
        if (s == null || !s.isTextual() || s.asText().isBlank()) {
            throw ControlError.badRequest("'symbol' is required: the coin, e.g. {\"symbol\":\"BTC\"}");
        }
        String coin = s.asText();
        try {
            market.dropNextBookUpdate(coin);
        } catch (IllegalArgumentException e) {
            throw ControlError.notFound("the simulator lists no coin '" + coin + "'");
        }
        ObjectNode answer = SimJson.object();
        answer.put("dropped", "next");
        answer.put("symbol", coin);
        return answer;
    }
}
