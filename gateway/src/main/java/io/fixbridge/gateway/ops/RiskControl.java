package io.fixbridge.gateway.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.gateway.config.RiskSettings;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.risk.PreTradeRisk;

/**
 * The pre-trade limits as an operator sees and changes them: the limits in force with what each
 * session and account uses of them now ({@code GET /admin/risk}), and a reload of gateway.yaml's
 * {@code risk} section while running ({@code POST /admin/risk/reload}). A reload is all or
 * nothing: a file that does not validate changes nothing and the error names the setting. Every
 * change is logged at WARN with the limits before and after.
 *
 * <p>Thread-safe; called on the ops HTTP thread. Bad requests fail with
 * {@link IllegalArgumentException} whose message says what is wrong.
 */
public final class RiskControl {
    private static final Logger LOG = LoggerFactory.getLogger(RiskControl.class);
    private static final long USAGE_WAIT_SECONDS = 10;

    private final PreTradeRisk risk;
    private final OrderEngine engine;
    private final Supplier<RiskSettings> file;

    /**
     * @param risk   the limits in force
     * @param engine reads what the limits count, on its thread
     * @param file   reads and validates the {@code risk} section of gateway.yaml as it is now;
     *               throws {@link GatewayConfigException} naming the bad setting
     */
    public RiskControl(PreTradeRisk risk, OrderEngine engine, Supplier<RiskSettings> file) {
        this.risk = Objects.requireNonNull(risk, "risk");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The limits in force and each scope's use of them. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>(risk.settings().describe());
        try {
            out.put("usage", engine.riskUsage().get(USAGE_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the risk usage", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the order engine did not report the risk usage: " + e, e);
        }
        return out;
    }

    /** Reads gateway.yaml's {@code risk} section again and puts it in force; the limits now in force. */
    public Map<String, Object> reload() {
        RiskSettings next;
        try {
            next = file.get();
        } catch (GatewayConfigException e) {
            LOG.warn("risk limits not reloaded, the ones in force stay: {}", e.getMessage());
            throw new IllegalArgumentException("risk limits not reloaded, the ones in force stay: " + e.getMessage(), e);
        }
        RiskSettings before = risk.settings();
        risk.reload(next);
        if (before.equals(next)) {
            LOG.warn("risk limits reloaded from gateway.yaml: unchanged {}", next.describe());
        } else {
            LOG.warn("risk limits reloaded from gateway.yaml: before {} now {}", before.describe(), next.describe());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", !before.equals(next));
        out.putAll(next.describe());
        return out;
    }
}
