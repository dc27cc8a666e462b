package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.HyperliquidSimulator;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KdfStrength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static io.fixbridge.venue.hyperliquid.Harness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keys: API wallets, vaults, an unknown signer, keystore rotation without a restart, and that no key or
 * passphrase ever shows in a log line, an exception message or a toString.
 */
class HyperliquidKeysTest {
    private static final String BTC = "BTC/USDC:USDC";
    private static final String AGENT2_KEY = "0x5a1d3c2b4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819";
    private static final String STRANGER_KEY = "0x7c3e5a1f9b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";
    private static final String PASSPHRASE = "correct horse battery staple 42";
    private static final EthAddress AGENT2 = EthSigningKey.fromHex(AGENT2_KEY.toCharArray()).address();
    private static final EthAddress VAULT = EthAddress.parse("0xeba57e1d6bd242ba5f41b61ff1d30b481a535b58");

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    private void collect(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(Harness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                messages.add(t.toString());
                if (t instanceof VenueException v) {
                    messages.add(v.error().toString());
                }
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    private static SimSupport sim() throws InterruptedException {
        return SimSupport.start(b -> b.agent(SimSupport.ALICE, AGENT2)
                .account(VAULT, HyperliquidSimulator.balances("PERP", "50000")).vault(VAULT, SimSupport.ALICE));
    }

    private Path keystore(String name, String key) {
        Path file = dir.resolve(name);
        EthKeystore.importKey(file, EthSigningKey.fromHex(key.toCharArray()), PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        return file;
    }

    @Test
    void anApiWalletTradesTheUserAndAKeystoreRotationSwitchesTheSignerWithoutARestart() throws Exception {
        Path keystore = keystore("agent.json", SimSupport.AGENT_KEY);
        Path passphrase = dir.resolve("pass.txt");
        Files.writeString(passphrase, PASSPHRASE, StandardCharsets.UTF_8);
        try (LogCapture log = new LogCapture(); SimSupport sim = sim();
             Harness h = new Harness(sim, sim.settings(Map.of(), Map.of("keystore", keystore.toString(),
                     "passphraseFile", passphrase.toString(), "user", SimSupport.ALICE.hex())))) {
            assertThat(h.adapter.signerOf(SimSupport.ACCOUNT)).hasValue(SimSupport.AGENT.hex());
            OrderRequest first = limit(BTC, Side.BUY, "0.001", "50000").build();
            h.submit(first);

            Path next = keystore("agent2.json", AGENT2_KEY);
            Files.move(next, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Harness.TIMEOUT).until(() -> h.adapter.signerOf(SimSupport.ACCOUNT)
                    .equals(java.util.Optional.of(AGENT2.hex())));
            OrderRequest second = limit(BTC, Side.BUY, "0.001", "50000").build();
            h.submit(second);

            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).extracting(o -> o.cloid())
                    .containsExactlyInAnyOrder(Cloids.of(first.clientOrderId()), Cloids.of(second.clientOrderId()));
            assertThat(log.lines()).anyMatch(l -> l.contains("rotated") && l.contains(AGENT2.hex()));
            assertNothingShows(log, h.adapter.toString(), HyperliquidConfig.from(sim.settings(Map.of())).toString());
        }
    }

    @Test
    void aVaultIsTradedWithVaultAddressAndItsOrdersAreItsOwn() throws Exception {
        try (SimSupport sim = sim(); Harness h = new Harness(sim, sim.settings(Map.of(), Map.of("privateKey",
                SimSupport.ALICE_KEY, "vaultAddress", VAULT.hex())))) {
            OrderRequest o = order(BTC, Side.BUY, OrderType.MARKET, "0.01").build();

            h.submit(o);

            await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(o.clientOrderId()))
                    .isEqualByComparingTo("0.01"));
            assertThat(sim.sim.truth().orders(VAULT)).hasSize(1);
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).isEmpty();
            assertThat(h.adapter.userOf(SimSupport.ACCOUNT)).hasValue(VAULT.hex());
            assertThat(Harness.answer(h.adapter.positions(SimSupport.ACCOUNT))).hasSize(1);
        }
    }

    @Test
    void anAccountAndItsVaultSignedByOneKeyDrawFromOneNonceSequence() throws Exception {
        List<Long> nonces = java.util.Collections.synchronizedList(new ArrayList<>());
        try (SimSupport sim = sim(); RewritingProxy proxy = new RewritingProxy(sim.sim.baseUrl())) {
            proxy.rule((path, request, forward) -> {
                if (path.equals("/exchange")) {
                    nonces.add(request.path("nonce").asLong());
                }
                return forward.get();
            });
            Map<String, Map<String, Object>> accounts = new java.util.LinkedHashMap<>();
            accounts.put(SimSupport.ACCOUNT, Map.of("privateKey", SimSupport.ALICE_KEY));
            accounts.put("vault", Map.of("privateKey", SimSupport.ALICE_KEY, "vaultAddress", VAULT.hex()));
            try (Harness h = new Harness(sim, sim.settingsForAccounts(Map.of("restUrl", proxy.url()), accounts))) {
                h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
                h.submit(limit(BTC, Side.BUY, "0.001", "50000").account("vault").build());
                h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
                h.submit(limit(BTC, Side.BUY, "0.001", "50000").account("vault").build());

                assertThat(nonces).hasSize(4);
                for (int i = 1; i < nonces.size(); i++) {
                    assertThat(nonces.get(i)).as("one signer's nonces in the order sent: %s", nonces)
                            .isGreaterThan(nonces.get(i - 1));
                }
                assertThat(sim.sim.truth().orders(VAULT)).hasSize(2);
                assertThat(sim.sim.truth().orders(SimSupport.ALICE)).hasSize(2);
                try (java.util.stream.Stream<Path> files = Files.list(sim.nonces)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".nonce")))
                            .singleElement().satisfies(f -> assertThat(Long.parseLong(Files.readString(f).strip()))
                                    .isGreaterThan(nonces.get(3)));
                }
            }
        }
    }

    @Test
    void anUnknownSignerIsRejectedMarksTheAccountAndNamesTheAddress() throws Exception {
        EthAddress stranger = EthSigningKey.fromHex(STRANGER_KEY.toCharArray()).address();
        try (LogCapture log = new LogCapture(); SimSupport sim = sim();
             Harness h = new Harness(sim, sim.settings(Map.of(), Map.of("privateKey", STRANGER_KEY, "user",
                     SimSupport.ALICE.hex())))) {
            VenueError first = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            VenueError second = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));

            assertThat(first.reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
            assertThat(first.message()).contains("does not exist");
            assertThat(second.reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
            assertThat(h.adapter.unhealthyAccounts()).containsEntry(SimSupport.ACCOUNT, stranger.hex());
            assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains(stranger.hex())
                    && l.contains("API wallet"));
            assertThat(sim.sim.truth().orders(SimSupport.ALICE)).isEmpty();
            messages.add(first.toString());
            assertNothingShows(log, h.adapter.toString());
        }
    }

    @Test
    void noLogLineExceptionOrToStringShowsAKey() throws Exception {
        try (LogCapture log = new LogCapture()) {
            SimSupport sim = sim();
            Harness h = new Harness(sim, sim.settings(Map.of()));
            messages.add(HyperliquidConfig.from(sim.settings(Map.of())).toString());
            collect(h.adapter.submit(limit(BTC, Side.BUY, "1000", "59000").build()));
            collect(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "60010").postOnly(true).build()));
            sim.sim.faults().loseNextOrderResponse();
            collect(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            sim.sim.faults().failNextRequests(1, 502);
            collect(h.adapter.submit(order(BTC, Side.BUY, OrderType.MARKET, "0.001").build()));
            sim.sim.faults().dropStreams();
            await().atMost(Harness.TIMEOUT).until(() -> sim.sim.truth().openConnections() >= 1);
            sim.close();
            collect(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").build()));
            collect(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, Harness.newId()));
            h.adapter.close();

            assertThat(messages).as("failures were collected").hasSizeGreaterThan(5);
            assertNothingShows(log, h.adapter.toString());
        }
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeHyperliquid() {
        assertThat(ServiceLoader.load(VenueAdapterFactory.class).stream().map(p -> p.get().type()))
                .contains("hyperliquid");
        VenueSettings s = new VenueSettings("hyperliquid", "hyperliquid", new ConfigView("venues[hyperliquid]",
                Map.of("nonceDirectory", dir.toString())), List.of(new VenueSettings.Account("main",
                new ConfigView("venues[hyperliquid].accounts[main]", Map.of("privateKey", SimSupport.ALICE_KEY)))));
        var adapter = new HyperliquidAdapterFactory().create(s);
        try {
            assertThat(adapter.name()).isEqualTo("hyperliquid");
            assertThat(adapter.capabilities()).isEqualTo(HyperliquidAdapter.CAPABILITIES);
            VenueError e = failure(adapter.submit(limit(BTC, Side.BUY, "0.001", "50000").account("main").build()));
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("not connected");
            assertThat(failure(adapter.balances("nobody")).reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        } finally {
            adapter.close();
            adapter.close();
        }
        assertThat(failure(adapter.connect()).reason()).isEqualTo(RejectReason.VENUE_CLOSED);
    }

    @Test
    void aWrongKeystorePassphraseFailsTheStartNamingTheSetting() {
        Path keystore = keystore("k.json", SimSupport.AGENT_KEY);
        Path wrong = dir.resolve("wrong.txt");
        try {
            Files.writeString(wrong, "not the passphrase", StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VenueSettings s = new VenueSettings("hl", "hyperliquid", new ConfigView("venues[hl]",
                Map.of("nonceDirectory", dir.toString())), List.of(new VenueSettings.Account("main", new ConfigView(
                "venues[hl].accounts[main]", Map.of("keystore", keystore.toString(), "passphraseFile",
                wrong.toString())))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HyperliquidAdapterFactory().create(s))
                .hasMessageStartingWith("venues[hl].accounts[main].keystore").hasMessageContaining("passphrase")
                .hasMessageNotContaining("not the passphrase");
    }

    private void assertNothingShows(LogCapture log, String... more) {
        List<String> lines = log.lines().stream().filter(l -> l.contains(" io.fixbridge.venue.")).toList();
        assertThat(lines).as("the adapter logged what happened").isNotEmpty();
        for (String key : List.of(SimSupport.ALICE_KEY, SimSupport.AGENT_KEY, AGENT2_KEY, STRANGER_KEY)) {
            String hex = key.substring(2);
            for (String form : List.of(hex, hex.toUpperCase(Locale.ROOT), hex.substring(0, 24))) {
                assertThat(lines).noneMatch(l -> l.contains(form));
                assertThat(messages).noneMatch(m -> m.contains(form));
                assertThat(List.of(more)).noneMatch(m -> m.contains(form));
            }
        }
        assertThat(lines).noneMatch(l -> l.contains(PASSPHRASE));
        assertThat(messages).noneMatch(m -> m.contains(PASSPHRASE));
    }
}
