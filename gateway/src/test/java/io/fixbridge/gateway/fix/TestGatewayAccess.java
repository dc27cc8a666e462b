package io.fixbridge.gateway.fix;

import java.nio.file.Path;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;

/** Lets tests in other packages run a {@link TestGateway} with their own venue configuration. */
public final class TestGatewayAccess implements AutoCloseable {
    private final TestGateway gateway;

    private TestGatewayAccess(TestGateway gateway) {
        this.gateway = gateway;
    }

    public static TestGatewayAccess start(Path dir, String venuesYaml) throws Exception {
        return new TestGatewayAccess(new TestGateway(dir, Ports.freePort(), venuesYaml).start());
    }

    /** A gateway with one acceptor session per CompID in {@code counterparties} (all configured in {@code venuesYaml}). */
    public static TestGatewayAccess start(Path dir, String venuesYaml, java.util.List<String> counterparties) throws Exception {
        return new TestGatewayAccess(new TestGateway(dir, Ports.freePort(), venuesYaml, counterparties, "").start());
    }

    /** Starts a gateway and returns while it may still reconcile the orders of the last run (logons refused). */
    public static TestGatewayAccess startReconciling(Path dir, String venuesYaml) throws Exception {
        return new TestGatewayAccess(new TestGateway(dir, Ports.freePort(), venuesYaml).startReconciling());
    }

    /** The running gateway: readiness, health, addresses. */
    public io.fixbridge.gateway.Gateway gateway() {
        return gateway.gateway();
    }

    public FixTestClient client(Path store) throws Exception {
        return gateway.client(store);
    }

    /** A logged-on client of counterparty {@code compId}. */
    public FixTestClient client(String compId, Path store) throws Exception {
        return gateway.client(compId, store);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
