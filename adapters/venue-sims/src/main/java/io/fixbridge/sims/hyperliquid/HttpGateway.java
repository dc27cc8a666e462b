package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.HttpWrites;
import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front door of one connection. A {@code /_sim/} request goes to the simulator's
 * {@link ControlPlane} before anything else. {@code GET /ws} with an upgrade becomes a WebSocket
 * ({@link WsHandler}); {@code POST /info} and {@code POST /exchange} go through the venue's
 * pipeline: latency, injected failures (HTTP 5xx), maintenance (exchange: HTTP 503), body parsing
 * (HTTP 422 {@value Texts#DESERIALIZE}), the per-IP weight limit (HTTP 429), then the handler.
 * Anything else: HTTP 404. An order/modify/batchModify picked by the lost-response fault is
 * executed and the connection closed unanswered.
 *
 * <p><b>Threading:</b> one instance per connection, on its event loop; handler futures complete
 * on the engine thread, and writing to the channel from there is safe in Netty.
 */
final class HttpGateway extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String WS_PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);

    /** The collaborators every connection shares. */
    record Shared(InfoApi info, ExchangeApi exchange, RateLimiter limiter, Faults faults, WsHub hub,
                  EngineThread engineThread, HlVenue venue, Duration wsIdleTimeout, ControlPlane control) {
    }

    private final Shared s;

    HttpGateway(Shared shared) {
        this.s = shared;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        if (ControlPlane.handles(path)) {
            s.control().handle(ctx, req);
            return;
        }
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && "websocket".equalsIgnoreCase(upgrade)) {
            if (!WS_PATH.equals(path)) {
                write(ctx, 404, "text/plain", "Not Found", false);
                return;
            }
            upgrade(ctx, req);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String body = req.content().toString(StandardCharsets.UTF_8);
        HttpMethod method = req.method();
        Duration latency = s.faults().latency();
        if (latency.isZero()) {
            process(ctx, method, path, body, keepAlive);
        } else {
            ctx.executor().schedule(() -> process(ctx, method, path, body, keepAlive), latency.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        ChannelPipeline pipeline = ctx.pipeline();
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WS_PATH).checkStartsWith(true).maxFramePayloadLength(1 << 20).build();
        pipeline.addAfter(ctx.name(), "ws-idle",
                new IdleStateHandler(s.wsIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addAfter("ws-idle", "ws-protocol", new WebSocketServerProtocolHandler(config));
        pipeline.addAfter("ws-protocol", "ws-frames", new WsHandler(s.hub(), s.engineThread(), s.venue()));
        s.hub().register(ctx.channel());
        ctx.fireChannelRead(req.retain());
        pipeline.remove(this);
    }

    private void process(ChannelHandlerContext ctx, HttpMethod method, String path, String body, boolean keepAlive) {
        int failure = s.faults().takeFailure();
        if (failure > 0) {
            String reason = HttpResponseStatus.valueOf(failure).reasonPhrase();
            write(ctx, failure, "text/html", "<html><head><title>" + failure + " " + reason
                    + "</title></head><body><center><h1>" + failure + " " + reason
                    + "</h1></center></body></html>\n", keepAlive);
            return;
        }
        boolean info = "/info".equals(path);
        boolean exchange = "/exchange".equals(path);
        if (!info && !exchange) {
            write(ctx, 404, "text/plain", "Not Found", keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(method)) {
            write(ctx, 405, "text/plain", "Method Not Allowed", keepAlive);
            return;
        }
        try {
            if (info) {
                info(ctx, body, keepAlive);
            } else {
                exchange(ctx, body, keepAlive);
            }
        } catch (BadRequest e) {
            LOG.debug("422 for {}: {}", path, e.getMessage());
            write(ctx, 422, "text/plain; charset=utf-8", Texts.DESERIALIZE, keepAlive);
        } catch (ExchangeError e) {
            writeJson(ctx, ExchangeApi.err(e.getMessage()), keepAlive);
        } catch (RuntimeException e) {
            LOG.error("request {} failed", path, e);
            write(ctx, 500, "text/plain", "Internal Server Error", keepAlive);
        }
    }

    private void info(ChannelHandlerContext ctx, String body, boolean keepAlive) {
        JsonNode req = SimJson.parse(body);
        String type = InfoApi.type(req);
        if (!s.limiter().acquireIp(ip(ctx), RateLimiter.infoWeight(type))) {
            tooMany(ctx, keepAlive);
            return;
        }
        complete(ctx, s.engineThread().call(() -> s.info().answer(req)), false, keepAlive);
    }

    private void exchange(ChannelHandlerContext ctx, String body, boolean keepAlive) {
        if (s.faults().maintenance()) {
            write(ctx, 503, "text/html", "<html><head><title>503 Service Unavailable</title></head><body><center>"
                    + "<h1>503 Service Unavailable</h1></center></body></html>\n", keepAlive);
            return;
        }
        ExchangeApi.Envelope envelope = ExchangeApi.parse(body);
        if (!s.limiter().acquireIp(ip(ctx), RateLimiter.exchangeWeight(envelope.action().batchLength()))) {
            tooMany(ctx, keepAlive);
            return;
        }
        boolean orderLike = envelope.action() instanceof Action.Order || envelope.action() instanceof Action.Modify
                || envelope.action() instanceof Action.BatchModify;
        boolean lose = orderLike && s.faults().takeLostResponse();
        CompletableFuture<JsonNode> answer;
        try {
            answer = s.exchange().execute(envelope);
        } catch (RuntimeException e) {
            if (lose) {
                s.faults().restoreLostResponse();
            }
            throw e;
        }
        complete(ctx, answer, lose, keepAlive);
    }

    private void complete(ChannelHandlerContext ctx, CompletableFuture<JsonNode> answer, boolean lose,
                          boolean keepAlive) {
        answer.whenComplete((result, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause == null && lose && "ok".equals(result.path("status").asText())) {
                LOG.info("lost-response fault: action executed, closing the connection unanswered");
                ctx.channel().close();
                return;
            }
            if (lose) {
                s.faults().restoreLostResponse();
            }
            if (cause == null) {
                writeJson(ctx, result, keepAlive);
            } else if (cause instanceof ExchangeError e) {
                writeJson(ctx, ExchangeApi.err(e.getMessage()), keepAlive);
            } else if (cause instanceof BadRequest) {
                write(ctx, 422, "text/plain; charset=utf-8", Texts.DESERIALIZE, keepAlive);
            } else {
                LOG.error("request handling failed", cause);
                write(ctx, 500, "text/plain", "Internal Server Error", keepAlive);
            }
        });
    }

    private static void tooMany(ChannelHandlerContext ctx, boolean keepAlive) {
        write(ctx, 429, "text/plain", "Too Many Requests", keepAlive);
    }

    private static String ip(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "unknown";
    }

    private static void writeJson(ChannelHandlerContext ctx, JsonNode json, boolean keepAlive) {
        write(ctx, 200, "application/json", SimJson.write(json), keepAlive);
    }

    static void write(ChannelHandlerContext ctx, int status, String contentType, String body, boolean keepAlive) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(bytes));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        HttpWrites.send(ctx, http, keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
