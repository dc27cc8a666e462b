package io.fixbridge.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.Gateway;
import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fixbridge run}: starts the gateway and runs until SIGINT or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /** Exit code for a configuration the gateway refuses. */
    static final int CONFIG_ERROR = 2;

    @Option(names = "--config", description = "gateway.yaml to run (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:FIXBRIDGE_HOME:-.}/fix-config/gateway.yaml")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig loaded;
        Gateway gateway;
        try {
            loaded = new GatewayConfigLoader().load(config);
            gateway = Gateway.start(loaded);
        } catch (GatewayConfigException e) {
            System.err.println("fixbridge: configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        } catch (IllegalStateException e) {
            // the config's secrets are registered by now; the message must not leak one past the log masking
            System.err.println("fixbridge: cannot start: " + io.fixbridge.gateway.ops.logging.SecretRegistry.global().mask(e.getMessage()));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            gateway.close();
            stopped.countDown();
        }, "fixbridge-shutdown"));
        stopped.await();
        return 0;
    }
}
