package io.fixbridge.sims.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A simulator's control plane: the {@code /_sim/...} HTTP routes a separate process (a fault
 * harness) uses to flip fault switches, move the market and read the simulator's truth. It sits
 * in front of the venue's own request pipeline, so control requests are never delayed, failed or
 * counted by the fault switches, never rate limited and never signed. {@code GET /_sim/health}
 * ({@code {"venue":"<name>"}}) is built in; each simulator adds its own routes with
 * {@link #route}. Bodies in and out are JSON. A handler's {@link ControlError} becomes its 4xx
 * status with {@code {"error":"..."}}; an unknown {@code /_sim/} path answers 404 listing the
 * known routes, a known path with another method 405 naming the allowed ones; anything else a
 * handler throws answers 500 with the exception's text (and is logged).
 *
 * <p><b>Threading:</b> routes are added while the simulator starts, before the first request;
 * after that the instance is thread-safe. {@link #handle} is called on a Netty event loop: it
 * copies the request and hands it to the control plane's own thread, where handlers run one at a
 * time and may block (e.g. on the engine thread), then writes the answer from there.
 * {@link #close} stops that thread; requests arriving afterwards get the connection closed.
 */
public final class ControlPlane implements AutoCloseable {
    /** The path prefix every control route has. */
    public static final String PREFIX = "/_sim/";

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    /** Answers one control request with a JSON body (status 200), or throws {@link ControlError}. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(ControlRequest request);
    }

    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private final ExecutorService executor;

    /**
     * @param venue the venue name {@code GET /_sim/health} reports, e.g. {@code binance}
     */
    public ControlPlane(String venue) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, venue + "-sim-control");
            t.setDaemon(true);
            return t;
        });
        route("GET", "health", request -> {
            ObjectNode n = SimJson.object();
            n.put("venue", venue);
            return n;
        });
    }

    /** Whether {@code path} belongs to the control plane ({@code /_sim} or below). */
    public static boolean handles(String path) {
        return path.equals("/_sim") || path.startsWith(PREFIX);
    }

    /**
     * Adds a route.
     *
     * @param method HTTP method, upper case
     * @param name   the path below {@code /_sim/}, e.g. {@code faults}
     * @throws IllegalStateException when the method and path are routed already
     */
    public ControlPlane route(String method, String name, Handler handler) {
        Map<String, Handler> byMethod = routes.computeIfAbsent(PREFIX + name, p -> new LinkedHashMap<>());
        if (byMethod.putIfAbsent(method, handler) != null) {
            throw new IllegalStateException("control route " + method + " " + PREFIX + name + " is defined twice");
        }
        return this;
    }

    /** The known routes as {@code "METHOD /_sim/path"}, in the order they were added. */
    public List<String> knownRoutes() {
        List<String> out = new ArrayList<>();
        routes.forEach((path, byMethod) -> byMethod.keySet().forEach(m -> out.add(m + " " + path)));
        return out;
    }

    /** Takes over one {@code /_sim/} request; call on the connection's event loop. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder decoder = new QueryStringDecoder(req.uri());
        Map<String, String> query = new HashMap<>();
        decoder.parameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                query.put(k, v.get(0));
            }
        });
        ControlRequest request = new ControlRequest(req.method().name(), decoder.path(), query,
                req.content().toString(StandardCharsets.UTF_8));
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        try {
            executor.execute(() -> write(ctx, answer(request), keepAlive));
        } catch (RejectedExecutionException closed) {
            LOG.debug("control plane closed; dropping {} {}", request.method(), request.path());
            ctx.close();
        }
    }

    private Answer answer(ControlRequest request) {
        Map<String, Handler> byMethod = routes.get(request.path());
        if (byMethod == null) {
            ObjectNode body = error("unknown control path " + request.path() + "; known: "
                    + String.join(", ", knownRoutes()));
            ArrayNode known = body.putArray("known");
            knownRoutes().forEach(known::add);
            return new Answer(404, body);
        }
        Handler handler = byMethod.get(request.method());
        if (handler == null) {
            return new Answer(405, error(request.path() + " does not take " + request.method() + "; it takes "
                    + String.join(" or ", byMethod.keySet())));
        }
        try {
            JsonNode body = handler.handle(request);
            return new Answer(200, body == null ? SimJson.object() : body);
        } catch (ControlError e) {
            return new Answer(e.status(), error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("control request {} {} failed", request.method(), request.path(), e);
            return new Answer(500, error("the simulator failed to handle " + request.method() + " "
                    + request.path() + ": " + e));
        }
    }

    private static ObjectNode error(String text) {
        ObjectNode n = SimJson.object();
        n.put("error", text);
        return n;
    }

    private static void write(ChannelHandlerContext ctx, Answer answer, boolean keepAlive) {
        byte[] bytes = SimJson.write(answer.body()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(bytes));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        HttpWrites.send(ctx, http, keepAlive);
    }

    private record Answer(int status, JsonNode body) {
    }

    /** Stops the control thread (waits up to 2 s for a running handler); idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
