package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.HttpWrites;
import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.bybit.Endpoint.Call;
import io.fixbridge.sims.bybit.Endpoint.Role;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front door of one connection. A {@code /_sim/} request goes to the simulator's
 * {@link ControlPlane} before anything else (no faults, limits or signatures apply to it). A
 * WebSocket upgrade of {@code /v5/private} becomes a private stream connection, one of
 * {@code /v5/public/spot}, {@code /v5/public/linear} or {@code /v5/public/inverse} a public stream
 * connection of that category (other paths: 404). A REST request goes through Bybit's pipeline:
 * the IP-ban fault (HTTP 403 page), latency, injected failures, routing (unknown: HTTP 404 retCode
 * 10017), signature (10003/10002/10004), parameters, the per-UID rate limit (headers on every
 * answer of a limited endpoint, 10006 over the limit), maintenance, then the handler; the answer
 * is Bybit's envelope. An order create picked by the lost-response fault is executed and the
 * connection closed unanswered.
 *
 * <p><b>Threading:</b> one instance per connection, on that connection's event loop. Handler
 * futures complete on the engine thread; writing to the channel from there is safe in Netty.
 */
final class HttpGateway extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String PRIVATE_PATH = "/v5/private";
    /** The public stream paths are this followed by the category: {@code /v5/public/linear}. */
    static final String PUBLIC_PATH = "/v5/public/";
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** What Bybit's edge answers a banned IP with (a CloudFront-style 403 page). */
    static final String BAN_PAGE = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" "
            + "\"http://www.w3.org/TR/html4/loose.dtd\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" "
            + "CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n"
            + "</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n"
            + "Request blocked. access too frequent. We can't connect to the server for this app or website at this"
            + " time.\n<BR clear=\"all\">\n</BODY></HTML>\n";

    private final Router router;
    private final Authenticator auth;
    private final RateLimiter limiter;
    private final Faults faults;
    private final PrivateHub hub;
    private final Clock clock;
    private final Public publicStreams;
    private final ControlPlane control;

    /**
     * What the public stream connections share.
     *
     * @param hub      their subscriptions and messages
     * @param engine   the engine thread subscriptions are made on
     * @param listings every listing by {@link Listing#key}, never modified
     */
    record Public(PublicHub hub, EngineThread engine, Map<String, Listing> listings) {
    }

    HttpGateway(Router router, Authenticator auth, RateLimiter limiter, Faults faults, PrivateHub hub, Clock clock,
                Public publicStreams, ControlPlane control) {
        this.router = router;
        this.auth = auth;
        this.limiter = limiter;
        this.faults = faults;
        this.hub = hub;
        this.clock = clock;
        this.publicStreams = publicStreams;
        this.control = control;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (ControlPlane.handles(new QueryStringDecoder(req.uri()).path())) {
            control.handle(ctx, req);
            return;
        }
        if (faults.ipBanned()) {
            write(ctx, RestResponse.html(403, BAN_PAGE), false);
            return;
        }
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && "websocket".equalsIgnoreCase(upgrade)) {
            upgrade(ctx, req);
            return;
        }
        RestRequest request = detach(req);
        Duration latency = faults.latency();
        if (latency.isZero()) {
            process(ctx, request, keepAlive);
        } else {
            ctx.executor().schedule(() -> process(ctx, request, keepAlive), latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        Category publicCategory = path.startsWith(PUBLIC_PATH) ? Category.ofWire(path.substring(PUBLIC_PATH.length()))
                : null;
        if (!PRIVATE_PATH.equals(path) && publicCategory == null) {
            write(ctx, RestResponse.error(Errors.routeNotFound(), clock.millis()), false);
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .maxFramePayloadLength(1 << 20)
                .build();
        pipeline.addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(config));
        if (publicCategory == null) {
            pipeline.addAfter("ws-protocol", "ws-frames", new PrivateWsHandler(hub, auth, faults));
            hub.register(ctx.channel());
        } else {
            pipeline.addAfter("ws-protocol", "ws-frames", new PublicWsHandler(publicCategory, publicStreams.hub(),
                    publicStreams.engine(), publicStreams.listings(), faults));
            publicStreams.hub().register(ctx.channel());
        }
        ctx.fireChannelRead(req.retain());
        pipeline.remove(this);
    }

    private static RestRequest detach(FullHttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new RestRequest(req.method().name(), new QueryStringDecoder(uri).path(),
                q < 0 ? "" : uri.substring(q + 1), req.content().toString(StandardCharsets.UTF_8), headers);
    }

    private void process(ChannelHandlerContext ctx, RestRequest request, boolean keepAlive) {
        int failure = faults.takeFailure();
        if (failure == 200) {
            write(ctx, RestResponse.error(Errors.serverError(), clock.millis()), keepAlive);
            return;
        }
        if (failure > 0) {
            write(ctx, RestResponse.html(failure, "<html><head><title>" + failure + " "
                    + HttpResponseStatus.valueOf(failure).reasonPhrase() + "</title></head><body><center><h1>"
                    + failure + " " + HttpResponseStatus.valueOf(failure).reasonPhrase()
                    + "</h1></center></body></html>\n"), keepAlive);
            return;
        }
        Endpoint endpoint = router.find(request.method(), request.path());
        if (endpoint == null) {
            write(ctx, RestResponse.error(Errors.routeNotFound(), clock.millis()), keepAlive);
            return;
        }
        Map<String, String> limitHeaders = Map.of();
        try {
            SimAccount account = endpoint.signed() ? auth.signed(request) : null;
            Params params = Params.of(request);
            if (account != null) {
                limitHeaders = limiter.acquire(account.name(), endpoint, params.rawCategory());
            }
            if (faults.maintenance() && endpoint.role() != Role.READ) {
                throw Errors.serverError();
            }
            boolean lose = endpoint.role() == Role.CREATE && faults.takeLostResponse();
            Map<String, String> headers = limitHeaders;
            CompletableFuture<JsonNode> answer = endpoint.handler().handle(new Call(request, params, account));
            answer.whenComplete((result, error) -> {
                RestResponse out = error == null ? RestResponse.ok(result, clock.millis()) : failure(error);
                if (lose && out.retCode() == 0) {
                    LOG.info("lost-response fault: {} {} executed, closing the connection unanswered",
                            request.method(), request.path());
                    ctx.channel().close();
                    return;
                }
                if (lose) {
                    faults.restoreLostResponse();
                }
                write(ctx, out.withHeaders(headers), keepAlive);
            });
        } catch (RateLimiter.Limited e) {
            write(ctx, RestResponse.error(Errors.tooManyVisits(), clock.millis()).withHeaders(e.headers()), keepAlive);
        } catch (BybitException e) {
            write(ctx, RestResponse.error(e, clock.millis()).withHeaders(limitHeaders), keepAlive);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", request.method(), request.path(), e);
            write(ctx, RestResponse.error(Errors.serverError(), clock.millis()), keepAlive);
        }
    }

    private RestResponse failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BybitException be) {
            return RestResponse.error(be, clock.millis());
        }
        LOG.error("request handling failed", cause);
        return RestResponse.error(Errors.serverError(), clock.millis());
    }

    static void write(ChannelHandlerContext ctx, RestResponse response, boolean keepAlive) {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
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
