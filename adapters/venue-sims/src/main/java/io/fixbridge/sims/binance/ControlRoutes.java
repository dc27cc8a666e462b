package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.ControlError;
import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.FaultCommands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Binance simulator's control plane under {@code /_sim/} (JSON in and out):
 * <ul>
 *   <li>{@code GET /_sim/health} → {@code {"venue":"binance"}};</li>
 *   <li>{@code POST /_sim/faults} → the {@link FaultCommands} body on {@link Faults}, plus
 *       {@code "dropUserDataStreams": true} ({@link Faults#dropUserDataStreams()}) and
 *       {@code "dropMarketStreams": true} ({@link Faults#dropMarketStreams()});</li>
 *   <li>{@code GET /_sim/orders?account=NAME} → {@code {"orders":[...],"algoOrders":[...]}}
 *       ({@link TruthJson}); an unknown account is 404;</li>
 *   <li>{@code GET /_sim/market?symbol=S[&market=spot|futures]} and {@code POST /_sim/market}
 *       {@code {"symbol":S,"price":P[,"market":..]}} ({@link MarketRoute});</li>
 *   <li>{@code POST /_sim/book-gap} {@code {"symbol":S[,"market":"spot"|"futures"]}}: the next
 *       diff-depth update of S is withheld ({@link MarketRoute#bookGap}).</li>
 * </ul>
 *
 * <p><b>Threading:</b> stateless factory; the handlers it installs run on the control plane's
 * thread and wait for the engine thread.
 */
final class ControlRoutes {
    private ControlRoutes() {
    }

    /** A control plane with every Binance route; the caller owns (and closes) it. */
    static ControlPlane controlPlane(Faults faults, Truth truth, List<MarketControl> markets) {
        Map<String, Runnable> actions = new LinkedHashMap<>();
        actions.put("dropUserDataStreams", faults::dropUserDataStreams);
        actions.put("dropMarketStreams", faults::dropMarketStreams);
        FaultCommands faultCommands = new FaultCommands(faults, actions);
        MarketRoute market = new MarketRoute(markets);
        return new ControlPlane("binance")
                .route("POST", "faults", request -> faultCommands.apply(request.jsonObject()))
                .route("GET", "orders", request -> orders(truth, request.requireQuery("account")))
                .route("GET", "market", market::get)
                .route("POST", "market", market::post)
                .route("POST", "book-gap", market::bookGap);
    }

    private static ObjectNode orders(Truth truth, String account) {
        if (!truth.hasAccount(account)) {
            throw ControlError.notFound("the simulator has no account named '" + account + "'; accounts: "
                    + String.join(", ", truth.accountNames()));
        }
        return TruthJson.orders(truth.allOrders(account), truth.algoOrders(account));
    }
}
