package io.fixbridge.gateway.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quickfix.Message;

/**
 * {@code fixbridge client}: a small FIX initiator for a person trying the gateway out. With a
 * subcommand it logs on, sends one request, prints the reports for {@code --wait} seconds and
 * logs out; without one it reads such commands line by line from standard input.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"A small FIX 4.4 initiator: log on, send orders, cancels, replaces and status requests,",
                "and print each report as one line. Without a subcommand, reads commands from standard input."},
        subcommands = {ClientCommand.Order.class, ClientCommand.Cancel.class, ClientCommand.Replace.class,
                ClientCommand.Status.class, ClientCommand.Book.class, ClientCommand.Instruments.class,
                ClientCommand.Positions.class, ClientCommand.Balances.class})
final class ClientCommand implements Callable<Integer> {
    /** The shipped demo session's Username(553) (fix-config/gateway.yaml, OMS1). */
    static final String DEMO_USERNAME = "oms1";
    /** The shipped demo session's password; fix-config/gateway.yaml holds only its hash. Public: a demo credential. */
    static final String DEMO_PASSWORD = "demo-oms1-password";
    private static final AtomicLong IDS = new AtomicLong();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "gateway host (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--port", defaultValue = "9878", description = "gateway port (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--sender", defaultValue = "OMS1", description = "SenderCompID (default: ${DEFAULT-VALUE})")
    String sender;
    @Option(names = "--target", defaultValue = "FIXBRIDGE", description = "TargetCompID (default: ${DEFAULT-VALUE})")
    String target;
    @Option(names = "--store", defaultValue = "${env:FIXBRIDGE_HOME:-.}/data/client-store", description = "where sequence numbers are kept (default: ${DEFAULT-VALUE})")
    Path store;
    @Option(names = "--reset", description = "reset sequence numbers at logon (ResetSeqNumFlag=Y)")
    boolean reset;
    @Option(names = "--wait", defaultValue = "3", description = "seconds to print reports after sending (default: ${DEFAULT-VALUE})")
    int waitSeconds;
    @Option(names = "--logon-timeout", defaultValue = "10", description = "seconds to wait for the gateway's Logon (default: ${DEFAULT-VALUE})")
    int logonTimeoutSeconds;
    @Option(names = "--username", defaultValue = DEMO_USERNAME,
            description = "Username(553) on the Logon (default: ${DEFAULT-VALUE}, the demo session's); empty for none")
    String username;
    @Option(names = "--password", arity = "0..1", interactive = true, defaultValue = "${env:FIXBRIDGE_FIX_PASSWORD:-" + DEMO_PASSWORD + "}",
            description = {"Password(554) on the Logon; without a value it is asked for without echo.",
                    "Default: the environment variable FIXBRIDGE_FIX_PASSWORD, else the demo session's password"})
    String password;
    @Option(names = "--tls", description = "connect over TLS (the gateway has fix.tls); needs --truststore")
    boolean tls;
    @Option(names = "--truststore", paramLabel = "PATH", description = "PKCS12 file with the gateway's certificate or its CA")
    Path trustStore;
    @Option(names = "--truststore-password", paramLabel = "PASSWORD", defaultValue = "${env:FIXBRIDGE_FIX_TRUSTSTORE_PASSWORD}",
            description = "the trust store's password (default: the environment variable FIXBRIDGE_FIX_TRUSTSTORE_PASSWORD)")
    String trustStorePassword;
    @Option(names = "--keystore", paramLabel = "PATH", description = "PKCS12 file with a client certificate, for gateways that require one")
    Path keyStore;
    @Option(names = "--keystore-password", paramLabel = "PASSWORD", defaultValue = "${env:FIXBRIDGE_FIX_KEYSTORE_PASSWORD}",
            description = "the client key store's password (default: the environment variable FIXBRIDGE_FIX_KEYSTORE_PASSWORD)")
    String keyStorePassword;

    private FixClientSession session;

    @Override
    public Integer call() throws Exception {
        try (FixClientSession s = connect()) {
            System.out.println("commands: order --symbol BTC/USDT --side buy --qty 0.01 --price 60000 [--type limit] [--tif gtc]");
            System.out.println("          cancel --orig <ClOrdID> --symbol BTC/USDT --side buy");
            System.out.println("          replace --orig <ClOrdID> --symbol BTC/USDT --side buy --qty 0.02 --price 59000");
            System.out.println("          status --id <ClOrdID> --symbol BTC/USDT --side buy");
            System.out.println("          book --symbol BTC/USDT [--depth 5];  instruments [--symbol BTC/USDT];  positions;  balances;   quit");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String trimmed = line.trim();
                if (trimmed.equals("quit") || trimmed.equals("exit")) {
                    break;
                }
                if (!trimmed.isEmpty()) {
                    CommandLine cl = new CommandLine(new ClientCommand());
                    cl.getSubcommands().values().forEach(sub -> ((Request) sub.getCommand()).shell = this);
                    cl.execute(trimmed.split("\\s+"));
                }
            }
        }
        return 0;
    }

    private FixClientSession connect() throws Exception {
        Optional<FixClientSession.Credentials> credentials = username == null || username.isEmpty() ? Optional.empty()
                : Optional.of(new FixClientSession.Credentials(username, password == null ? "" : password));
        session = new FixClientSession(host, port, sender, target, store, reset, credentials, tls(), System.out);
        try {
            session.logon(Duration.ofSeconds(logonTimeoutSeconds));
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private Optional<FixClientSession.Tls> tls() {
        if (!tls) {
            if (trustStore != null || keyStore != null) {
                throw new CommandFailure("--truststore and --keystore apply only with --tls");
            }
            return Optional.empty();
        }
        if (trustStore == null) {
            throw new CommandFailure("--tls needs --truststore PATH: a PKCS12 file holding the gateway's certificate or the CA "
                    + "that signed it (the client never trusts a certificate it cannot check)");
        }
        for (Path file : keyStore == null ? List.of(trustStore) : List.of(trustStore, keyStore)) {
            if (!Files.isRegularFile(file)) {
                throw new CommandFailure(file + ": no such file");
            }
        }
        return Optional.of(new FixClientSession.Tls(trustStore, trustStorePassword, Optional.ofNullable(keyStore),
                keyStorePassword == null ? "" : keyStorePassword));
    }

    static String newClOrdId() {
        return "C" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT) + IDS.incrementAndGet();
    }

    /** One request: in the shell it uses the shell's session; alone it logs on, sends, waits and logs out. */
    abstract static class Request implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        ClientCommand shell;

        abstract Message build();

        @Override
        public Integer call() throws Exception {
            Message message = build();
            if (shell != null) {
                shell.session.send(message);
                return 0;
            }
            try (FixClientSession s = parent.connect()) {
                s.send(message);
                // reports print as they arrive; give them the time the person asked for
                new java.util.concurrent.CountDownLatch(1).await(parent.waitSeconds, java.util.concurrent.TimeUnit.SECONDS);
            }
            return 0;
        }
    }

    static char side(String side) {
        return switch (side.toLowerCase(Locale.ROOT)) {
            case "buy", "b", "1" -> '1';
            case "sell", "s", "2" -> '2';
            default -> throw new CommandLine.ParameterException(new CommandLine(new ClientCommand()), "--side must be buy or sell");
        };
    }

    /** The fields a NewOrderSingle and an OrderCancelReplaceRequest share. */
    static void orderFields(Message m, String clOrdId, String symbol, String side, BigDecimal qty, String type,
                            BigDecimal price, BigDecimal stopPx) {
        m.setString(11, clOrdId);
        m.setString(55, symbol);
        m.setChar(54, side(side));
        m.setString(38, qty.toPlainString());
        m.setChar(40, ordType(type));
        if (price != null) {
            m.setString(44, price.toPlainString());
        }
        if (stopPx != null) {
            m.setString(99, stopPx.toPlainString());
        }
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
    }

    static char ordType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "market" -> '1';
            case "limit" -> '2';
            case "stop" -> '3';
            case "stop-limit" -> '4';
            case "take-profit" -> 'J';
            default -> throw new IllegalArgumentException("--type must be market, limit, stop, stop-limit or take-profit");
        };
    }

    @Command(name = "order", description = "Send a NewOrderSingle.")
    static final class Order extends Request {
        @Option(names = "--symbol", required = true) String symbol;
        @Option(names = "--side", required = true, description = "buy or sell") String side;
        @Option(names = "--qty", required = true) BigDecimal qty;
        @Option(names = "--price") BigDecimal price;
        @Option(names = "--stop-px") BigDecimal stopPx;
        @Option(names = "--type", defaultValue = "limit", description = "market, limit, stop, stop-limit, take-profit") String type;
        @Option(names = "--tif", defaultValue = "gtc", description = "gtc, ioc, fok") String tif;
        @Option(names = "--id", description = "ClOrdID (default: generated)") String clOrdId;
        @Option(names = "--account") String account;
        @Option(names = "--venue", description = "ExDestination") String venue;
        @Option(names = "--post-only") boolean postOnly;
        @Option(names = "--reduce-only") boolean reduceOnly;

        @Override
        Message build() {
            Message m = new quickfix.fix44.NewOrderSingle();
            orderFields(m, clOrdId != null ? clOrdId : newClOrdId(), symbol, side, qty, type, price, stopPx);
            m.setChar(59, switch (tif.toLowerCase(Locale.ROOT)) {
                case "gtc" -> '1';
                case "ioc" -> '3';
                case "fok" -> '4';
                default -> throw new IllegalArgumentException("--tif must be gtc, ioc or fok");
            });
            if (account != null) {
                m.setString(1, account);
            }
            if (venue != null) {
                m.setString(100, venue);
            }
            if (postOnly || reduceOnly) {
                m.setString(18, (postOnly ? "6" : "") + (postOnly && reduceOnly ? " " : "") + (reduceOnly ? "E" : ""));
            }
            return m;
        }
    }

    @Command(name = "cancel", description = "Send an OrderCancelRequest.")
    static final class Cancel extends Request {
        @Option(names = "--orig", required = true, description = "ClOrdID of the order") String orig;
        @Option(names = "--symbol", required = true) String symbol;
        @Option(names = "--side", required = true) String side;
        @Option(names = "--id", description = "ClOrdID of this request (default: generated)") String clOrdId;

        @Override
        Message build() {
            Message m = new quickfix.fix44.OrderCancelRequest();
            m.setString(11, clOrdId != null ? clOrdId : newClOrdId());
            m.setString(41, orig);
            m.setString(55, symbol);
            m.setChar(54, side(side));
            m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
            return m;
        }
    }

    @Command(name = "replace", description = "Send an OrderCancelReplaceRequest (new total quantity and price).")
    static final class Replace extends Request {
        @Option(names = "--orig", required = true, description = "ClOrdID of the order") String orig;
        @Option(names = "--symbol", required = true) String symbol;
        @Option(names = "--side", required = true) String side;
        @Option(names = "--qty", required = true) BigDecimal qty;
        @Option(names = "--price") BigDecimal price;
        @Option(names = "--stop-px") BigDecimal stopPx;
        @Option(names = "--type", defaultValue = "limit") String type;
        @Option(names = "--id", description = "ClOrdID of this request (default: generated)") String clOrdId;

        @Override
        Message build() {
            Message m = new quickfix.fix44.OrderCancelReplaceRequest();
            orderFields(m, clOrdId != null ? clOrdId : newClOrdId(), symbol, side, qty, type, price, stopPx);
            m.setString(41, orig);
            return m;
        }
    }

    @Command(name = "status", description = "Send an OrderStatusRequest.")
    static final class Status extends Request {
        @Option(names = "--id", required = true, description = "ClOrdID of the order") String clOrdId;
        @Option(names = "--symbol", required = true) String symbol;
        @Option(names = "--side", required = true) String side;

        @Override
        Message build() {
            Message m = new quickfix.fix44.OrderStatusRequest();
            m.setString(11, clOrdId);
            m.setString(55, symbol);
            m.setChar(54, side(side));
            return m;
        }
    }

    @Command(name = "book", description = "Send a MarketDataRequest for a snapshot of an order book (35=V, 263=0).")
    static final class Book extends Request {
        @Option(names = "--symbol", required = true) String symbol;
        @Option(names = "--depth", defaultValue = "5", description = "levels per side, 0 for all (default: ${DEFAULT-VALUE})") int depth;
        @Option(names = "--venue", description = "SecurityExchange(207); default: the session's venue") String venue;

        @Override
        Message build() {
            Message m = new quickfix.fix44.MarketDataRequest();
            m.setString(262, newClOrdId());
            m.setChar(263, '0');
            m.setInt(264, depth);
            for (char type : new char[] {'0', '1', '2'}) {
                quickfix.Group g = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
                g.setChar(269, type);
                m.addGroup(g);
            }
            quickfix.Group instrument = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
            instrument.setString(55, symbol);
            if (venue != null) {
                instrument.setString(207, venue);
            }
            m.addGroup(instrument);
            return m;
        }
    }

    @Command(name = "instruments", description = "Send a SecurityListRequest (35=x): all instruments, or one.")
    static final class Instruments extends Request {
        @Option(names = "--symbol", description = "one instrument; default: all") String symbol;
        @Option(names = "--venue", description = "SecurityExchange(207); default: the session's venue") String venue;

        @Override
        Message build() {
            Message m = new quickfix.fix44.SecurityListRequest();
            m.setString(320, newClOrdId());
            m.setInt(559, symbol == null ? 4 : 0);
            if (symbol != null || venue != null) {
                m.setString(55, symbol == null ? "[N/A]" : symbol);
            }
            if (venue != null) {
                m.setString(207, venue);
            }
            return m;
        }
    }

    @Command(name = "positions", description = "Send a RequestForPositions (35=AN) for an account.")
    static final class Positions extends Request {
        @Option(names = "--account", defaultValue = "main", description = "Account(1) (default: ${DEFAULT-VALUE})") String account;
        @Option(names = "--venue", description = "the venue (exchange party); default: the session's venue") String venue;

        @Override
        Message build() {
            Message m = new quickfix.fix44.RequestForPositions();
            m.setString(710, newClOrdId());
            m.setInt(724, 0);
            m.setString(1, account);
            m.setInt(581, 1);
            m.setString(715, java.time.LocalDate.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
            exchange(m, venue, new quickfix.fix44.RequestForPositions.NoPartyIDs());
            return m;
        }
    }

    @Command(name = "balances", description = "Send a CollateralInquiry (35=BB) for an account's balances.")
    static final class Balances extends Request {
        @Option(names = "--account", defaultValue = "main", description = "Account(1) (default: ${DEFAULT-VALUE})") String account;
        @Option(names = "--venue", description = "the venue (exchange party); default: the session's venue") String venue;

        @Override
        Message build() {
            Message m = new quickfix.fix44.CollateralInquiry();
            m.setString(909, newClOrdId());
            m.setString(1, account);
            exchange(m, venue, new quickfix.fix44.CollateralInquiry.NoPartyIDs());
            return m;
        }
    }

    /** Names the venue as an exchange party (PartyRole 22). */
    static void exchange(Message m, String venue, quickfix.Group party) {
        if (venue != null) {
            party.setString(448, venue);
            party.setChar(447, 'D');
            party.setInt(452, 22);
            m.addGroup(party);
        }
    }
}
