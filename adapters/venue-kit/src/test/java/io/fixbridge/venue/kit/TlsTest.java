package io.fixbridge.venue.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fixbridge.venue.kit.http.HttpClient;
import io.fixbridge.venue.kit.http.HttpClientConfig;
import io.fixbridge.venue.kit.http.HttpConnectException;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.http.HttpResponse;
import io.fixbridge.venue.kit.ws.WebSocketClient;
import io.fixbridge.venue.kit.ws.WebSocketConfig;
import io.fixbridge.venue.kit.ws.WebSocketListener;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS against a self-signed certificate for CN=localhost, IP SAN 127.0.0.1 (src/test/resources/tls,
 * made once with keytool -genkeypair -keyalg EC -ext SAN=ip:127.0.0.1,dns:localhost -validity 36500).
 */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private VenueExecutors executors;
    private KeyManagerFactory keys;
    private X509Certificate cert;

    @BeforeEach
    void setUp() throws Exception {
        executors = VenueExecutors.create("tlsvenue", 1, 1);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsTest.class.getResourceAsStream("/tls/localhost.p12")) {
            store.load(in, PASSWORD);
        }
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        try (InputStream in = TlsTest.class.getResourceAsStream("/tls/localhost.crt")) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @AfterEach
    void tearDown() {
        executors.close();
    }

    private HttpsServer httpsServer() throws Exception {
        return httpsServer("127.0.0.1");
    }

    private HttpsServer httpsServer(String address) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void httpsWithTrustedCertificate() throws Exception {
        HttpsServer server = httpsServer();
        try (HttpClient client = HttpClient.create(HttpClientConfig.builder("https://127.0.0.1:" + server.getAddress().getPort())
                .tls(TlsConfig.trusting(cert)).build(), executors)) {
            HttpResponse r = client.send(HttpRequest.get("/x").build()).get(10, TimeUnit.SECONDS);
            assertThat(r.bodyText()).isEqualTo("secure");
            assertThat(client.send(HttpRequest.get("/y").build()).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(client.connectionsOpened()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpsWithUntrustedCertificateFailsBeforeSending() throws Exception {
        HttpsServer server = httpsServer();
        try (HttpClient client = HttpClient.create(HttpClientConfig.builder("https://127.0.0.1:" + server.getAddress().getPort())
                .build(), executors)) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.send(HttpRequest.post("/order?signature=abc").build()).get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(HttpConnectException.class).hasMessageContaining("TLS handshake failed")
                    .hasMessageNotContaining("abc");
            assertThat(((HttpConnectException) e.getCause()).sentRequest()).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void hostNameIsVerified() throws Exception {
        // the certificate names 127.0.0.1 and localhost, not 127.0.0.2 (also loopback on Linux)
        HttpsServer server;
        try {
            server = httpsServer("127.0.0.2");
        } catch (java.net.BindException e) {
            org.junit.jupiter.api.Assumptions.abort("127.0.0.2 is not a loopback address here");
            return;
        }
        try (HttpClient client = HttpClient.create(HttpClientConfig.builder("https://127.0.0.2:" + server.getAddress().getPort())
                .tls(TlsConfig.trusting(cert)).build(), executors)) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.send(HttpRequest.get("/x").build()).get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(HttpConnectException.class).hasMessageContaining("TLS handshake failed");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wssWithTrustedCertificate() throws Exception {
        SslContext serverTls = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(serverTls.newHandler(ch.alloc()))
                                    .addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(65536))
                                    .addLast(new WebSocketServerProtocolHandler("/ws"))
                                    .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                            ctx.writeAndFlush(new TextWebSocketFrame("secure " + f.text()));
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            List<String> got = new CopyOnWriteArrayList<>();
            WebSocketListener listener = new WebSocketListener() {
                @Override
                public void onMessage(WebSocketSession session, String text) {
                    got.add(text);
                }

                @Override
                public void onConnected(WebSocketSession session) {
                    session.send("hello");
                }
            };
            try (WebSocketClient ws = WebSocketClient.create(WebSocketConfig.builder("wss://127.0.0.1:" + port + "/ws")
                    .tls(TlsConfig.trusting(cert)).build(), listener, executors)) {
                ws.start().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("secure hello"));
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
