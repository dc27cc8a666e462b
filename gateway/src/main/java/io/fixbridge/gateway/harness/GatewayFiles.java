package io.fixbridge.gateway.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the gateway.yaml and sessions.cfg of the gateway under test, in the shape of
 * fix-config/binance-simulator.yaml and fix-config/sessions.cfg: one venue (the Binance simulator
 * on {@code simPort}, demo key), one order-entry session OMS1 on {@code fixPort}, and the data
 * directory (FIX message store, order journal) at {@code <work>/gateway-data}, the same across
 * restarts. Stateless; errors throw {@link HarnessFailure}.
 */
public final class GatewayFiles {
    /** The OMS's SenderCompID. */
    public static final String OMS = "OMS1";
    /** The gateway's SenderCompID. */
    public static final String GATEWAY = "FIXBRIDGE";
    /** The gateway-side FIX session id, from which venue client order ids derive. */
    public static final String SESSION_KEY = "FIX.4.4:" + GATEWAY + "->" + OMS;

    private GatewayFiles() {
    }

    /**
     * A sessions.cfg with fix-config/sessions.cfg's settings: an acceptor on 127.0.0.1:{@code fixPort}
     * as {@code gateway}, one [SESSION] per OMS CompID.
     */
    public static String sessionsCfg(String comment, int fixPort, String gateway, List<String> omsCompIds) {
        StringBuilder cfg = new StringBuilder("""
                %s
                [DEFAULT]
                ConnectionType=acceptor
                SocketAcceptAddress=127.0.0.1
                SocketAcceptPort=%d
                SenderCompID=%s
                StartTime=00:00:00
                EndTime=00:00:00
                HeartBtInt=30
                UseDataDictionary=Y
                ValidateUserDefinedFields=Y
                ValidateIncomingMessage=Y
                ResetOnLogon=N
                ResetOnLogout=N
                ResetOnDisconnect=N
                PersistMessages=Y
                """.formatted(comment, fixPort, gateway));
        for (String oms : omsCompIds) {
            cfg.append("\n[SESSION]\nBeginString=FIX.4.4\nTargetCompID=").append(oms).append('\n');
        }
        return cfg.toString();
    }

    /** Writes both files into {@code work}; returns the gateway.yaml. */
    public static Path write(Path work, int simPort, int fixPort, long notFoundGraceMs) {
        String yaml = """
                # written by the fault harness
                fix:
                  sessions: sessions.cfg
                dataDirectory: gateway-data
                ops: { listen: "127.0.0.1:0" }
                engine: { notFoundGraceMs: %d }
                venues:
                  - name: binance
                    type: binance
                    spotRestUrl: http://127.0.0.1:%d
                    spotWsApiUrl: ws://127.0.0.1:%d/ws-api/v3
                    futuresRestUrl: http://127.0.0.1:%d
                    futuresWsUrl: ws://127.0.0.1:%d
                    accounts:
                      - name: main
                        apiKey: fixbridge-demo-key
                        secret: fixbridge-demo-secret
                sessions:
                  - senderCompId: %s
                    role: order-entry
                    venue: binance
                    account: main
                """.formatted(notFoundGraceMs, simPort, simPort, simPort, simPort, OMS);
        String cfg = sessionsCfg("# written by the fault harness", fixPort, GATEWAY, List.of(OMS));
        try {
            Path config = work.resolve("gateway.yaml");
            Files.writeString(config, yaml);
            Files.writeString(work.resolve("sessions.cfg"), cfg);
            return config;
        } catch (IOException e) {
            throw new HarnessFailure("cannot write the gateway's configuration into " + work + ": " + e.getMessage(), e);
        }
    }
}
