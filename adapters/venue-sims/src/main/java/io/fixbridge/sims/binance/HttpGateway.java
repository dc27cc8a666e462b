package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.HttpWrites;
import io.fixbridge.sims.binance.Endpoint.Call;
import io.fixbridge.sims.binance.Endpoint.Role;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front door of one connection: hands {@code /_sim/} requests to the simulator's
 * {@link ControlPlane} before anything else (no faults, limits or signatures apply to them), hands
 * WebSocket upgrades to the {@link WebSocketRoutes}, and runs every REST request through Binance's pipeline: injected faults (latency, 5xx),
 * routing, request weight, security (API key, timestamp, signature), the endpoint's parameter
 * list, maintenance mode, order counts, then the handler; the answer carries the rate-limit
 * headers. An order-placing request picked by the lost-response fault is executed and the
 * connection closed without an answer.
 *
 * <p><b>Threading:</b> one instance per connection, used on that connection's event loop. Handler
 * futures complete on the engine thread; writing to the channel from there is safe in Netty.
 */
final class HttpGateway extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);

    private final Router router;
    private final Map<Market, RateLimiter> limiters;
    private final Authenticator auth;
    private final Faults faults;
    private final WebSocketRoutes webSockets;
    private final ControlPlane control;

    HttpGateway(Router router, Map<Market, RateLimiter> limiters, Authenticator auth, Faults faults,
                WebSocketRoutes webSockets, ControlPlane control) {
        this.router = router;
        this.limiters = limiters;
        this.auth = auth;
        this.faults = faults;
        this.webSockets = webSockets;
        this.control = control;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (ControlPlane.handles(new QueryStringDecoder(req.uri()).path())) {
            control.handle(ctx, req);
            return;
        }
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && "websocket".equalsIgnoreCase(upgrade)) {
            webSockets.upgrade(ctx, this, req);
            return;
        }
        RestRequest request = detach(req);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        Duration latency = faults.latency();
        if (latency.isZero()) {
            process(ctx, request, keepAlive);
        } else {
            ctx.executor().schedule(() -> process(ctx, request, keepAlive), latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static RestRequest detach(FullHttpRequest req) {
        QueryStringDecoder decoder = new QueryStringDecoder(req.uri());
        String uri = req.uri();
        int q = uri.indexOf('?');
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new RestRequest(req.method().name(), decoder.path(), q < 0 ? "" : uri.substring(q + 1),
                req.content().toString(StandardCharsets.UTF_8), headers);
    }

    private void process(ChannelHandlerContext ctx, RestRequest request, boolean keepAlive) {
        int failure = faults.takeFailure();
        if (failure > 0) {
            write(ctx, RestResponse.error(Errors.internalError(failure)), keepAlive);
            return;
        }
        Endpoint endpoint = router.find(request.method(), request.path());
        if (endpoint == null) {
            int status = router.knowsPath(request.path()) ? 405 : 404;
            RateLimiter limiter = limiters.get(request.path().startsWith("/fapi/") ? Market.FUTURES : Market.SPOT);
            write(ctx, new RestResponse(status, Json.object(), limiter.headers(null)), keepAlive);
            return;
        }
        RateLimiter limiter = limiters.get(endpoint.market());
        String accountName = null;
        try {
            Params params = Params.of(request);
            limiter.addWeight(endpoint.weight().applyAsInt(params));
            SimAccount account = switch (endpoint.security()) {
                case NONE -> null;
                case USER_STREAM -> auth.apiKey(request);
                case SIGNED -> auth.signed(request, params);
            };
            accountName = account == null ? null : account.name();
            params.requireOnly(endpoint.params());
            if (faults.maintenance() && endpoint.role() != Role.READ) {
                throw maintenance(endpoint);
            }
            if (endpoint.orders() > 0) {
                limiter.addOrders(accountName, endpoint.orders());
            }
            boolean lose = endpoint.role() == Role.PLACE && faults.takeLostResponse();
            String headerAccount = accountName;
            CompletableFuture<RestResponse> answer = endpoint.handler().handle(new Call(request, params, account));
            answer.whenComplete((response, error) -> {
                RestResponse out = error == null ? response : failure(error);
                if (lose && out.status() == 200) {
                    LOG.info("lost-response fault: {} {} executed, closing the connection unanswered",
                            request.method(), request.path());
                    ctx.channel().close();
                    return;
                }
                if (lose) {
                    faults.restoreLostResponse();
                }
                write(ctx, out.withHeaders(limiter.headers(headerAccount)), keepAlive);
            });
        } catch (BinanceException e) {
            write(ctx, RestResponse.error(e).withHeaders(limiter.headers(accountName)), keepAlive);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", request.method(), request.path(), e);
            write(ctx, RestResponse.error(Errors.unknown()), keepAlive);
        }
    }

    private static BinanceException maintenance(Endpoint endpoint) {
        if (endpoint.market() == Market.FUTURES) {
            return Errors.serviceUnavailable();
        }
        return endpoint.role() == Role.PLACE ? Errors.newOrderRejected(Errors.REST_TRADING_DISABLED)
                : Errors.cancelRejected(Errors.REST_TRADING_DISABLED);
    }

    private static RestResponse failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BinanceException be) {
            return RestResponse.error(be);
        }
        LOG.error("request handling failed", cause);
        return RestResponse.error(Errors.unknown());
    }

    static void write(ChannelHandlerContext ctx, RestResponse response, boolean keepAlive) {
        byte[] body = Json.write(response.body()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().forEach((k, v) -> http.headers().set(k, v));
        HttpWrites.send(ctx, http, keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
