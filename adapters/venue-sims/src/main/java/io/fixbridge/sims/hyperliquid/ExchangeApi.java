package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthAddress;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /exchange}: parses the envelope {@code {action, nonce, signature, vaultAddress,
 * expiresAfter}} and the action ({@link BadRequest} / HTTP 422 when malformed), recovers the signer
 * from the L1 signature ({@link L1Signature}), checks that the signer exists and may trade the
 * account (itself, the user it is an agent of, or with vaultAddress a vault whose master it is or
 * whose master's agent it is), expiresAfter, the signer's nonces and the account's cumulative
 * request budget (each a whole-request {@link ExchangeError}), then runs the action on the engine
 * thread and answers the venue's {@code {"status":"ok","response":{...}}}.
 *
 * <p><b>Threading:</b> thread-safe; parsing and verification run on the calling event loop, the
 * action on the engine thread.
 */
final class ExchangeApi {
    /** A parsed request. */
    record Envelope(JsonNode actionJson, Action action, long nonce, EcdsaSignature signature, EthAddress vault,
                    Long expiresAfter) {
    }

    private final Accounts accounts;
    private final Nonces nonces;
    private final RateLimiter limiter;
    private final EngineThread engineThread;
    private final HlVenue venue;
    private final Clock clock;
    private final boolean mainnet;

    ExchangeApi(Accounts accounts, Nonces nonces, RateLimiter limiter, EngineThread engineThread, HlVenue venue,
                Clock clock, boolean mainnet) {
        this.accounts = accounts;
        this.nonces = nonces;
        this.limiter = limiter;
        this.engineThread = engineThread;
        this.venue = venue;
        this.clock = clock;
        this.mainnet = mainnet;
    }

    static Envelope parse(String body) {
        JsonNode req = SimJson.parse(body);
        if (req == null || !req.isObject()) {
            throw new BadRequest("the body is not a JSON object");
        }
        JsonNode actionJson = req.get("action");
        Action action = Action.parse(actionJson);
        JsonNode nonce = req.get("nonce");
        if (nonce == null || !nonce.isIntegralNumber() || nonce.bigIntegerValue().signum() < 0
                || nonce.bigIntegerValue().bitLength() >= 64) {
            throw new BadRequest("nonce must be a non-negative integer");
        }
        JsonNode sig = req.get("signature");
        EcdsaSignature signature;
        if (sig == null || !sig.isObject() || !sig.path("r").isTextual() || !sig.path("s").isTextual()
                || !sig.path("v").isIntegralNumber()) {
            throw new BadRequest("signature must be {r, s, v}");
        }
        try {
            signature = EcdsaSignature.of(sig.get("r").asText(), sig.get("s").asText(), sig.get("v").intValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("signature values are malformed");
        }
        JsonNode vaultNode = req.get("vaultAddress");
        EthAddress vault = null;
        if (vaultNode != null && !vaultNode.isNull()) {
            if (!vaultNode.isTextual()) {
                throw new BadRequest("vaultAddress must be an address or null");
            }
            try {
                vault = EthAddress.parse(vaultNode.asText());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("vaultAddress must be an address or null");
            }
        }
        JsonNode exp = req.get("expiresAfter");
        Long expiresAfter = null;
        if (exp != null && !exp.isNull()) {
            if (!exp.isIntegralNumber() || exp.bigIntegerValue().signum() < 0
                    || exp.bigIntegerValue().bitLength() >= 64) {
                throw new BadRequest("expiresAfter must be a non-negative integer or null");
            }
            expiresAfter = exp.longValue();
        }
        return new Envelope(actionJson, action, nonce.longValue(), signature, vault, expiresAfter);
    }

    /**
     * Verifies and executes {@code e}; the future completes with the ok answer or fails with
     * {@link ExchangeError}. Verification failures throw synchronously.
     */
    CompletableFuture<JsonNode> execute(Envelope e) {
        long now = clock.millis();
        byte[] connectionId = L1Signature.connectionId(e.actionJson(), e.nonce(), e.vault(), e.expiresAfter());
        EthAddress recovered;
        try {
            recovered = L1Signature.recover(L1Signature.agentDigest(connectionId, mainnet), e.signature());
        } catch (IllegalArgumentException ex) {
            throw new ExchangeError(Texts.unknownSigner(EthAddress.ZERO.hex()));
        }
        String signer = recovered.hex();
        if (!accounts.knows(signer)) {
            throw new ExchangeError(Texts.unknownSigner(signer));
        }
        String vault = e.vault() == null ? null : e.vault().hex();
        if (vault != null && !accounts.isVault(vault)) {
            throw new ExchangeError(Texts.vaultNotRegistered(vault));
        }
        String account = accounts.actingAccount(signer, vault);
        if (account == null) {
            throw new ExchangeError(Texts.unknownSigner(signer));
        }
        if (e.expiresAfter() != null && e.expiresAfter() < now) {
            throw new ExchangeError(Texts.expired(e.expiresAfter(), now));
        }
        String nonceError = nonces.use(signer, e.nonce(), now);
        if (nonceError != null) {
            throw new ExchangeError(nonceError);
        }
        return engineThread.call(() -> {
            String budget = limiter.acquireAddress(account, venue.volume(account));
            if (budget != null) {
                throw new ExchangeError(budget);
            }
            try {
                return run(account, e.action());
            } finally {
                venue.flush();
            }
        });
    }

    private JsonNode run(String account, Action action) {
        if (action instanceof Action.Order o) {
            ArrayNode statuses = SimJson.array();
            for (OrderWire w : o.orders()) {
                statuses.add(venue.place(account, w));
            }
            return ok("order", statuses);
        }
        if (action instanceof Action.Cancel c) {
            ArrayNode statuses = SimJson.array();
            for (long[] ao : c.cancels()) {
                statuses.add(venue.cancel(account, (int) ao[0], ao[1]));
            }
            return ok("cancel", statuses);
        }
        if (action instanceof Action.CancelByCloid c) {
            ArrayNode statuses = SimJson.array();
            for (int i = 0; i < c.cloids().size(); i++) {
                statuses.add(venue.cancelByCloid(account, c.assets().get(i), c.cloids().get(i)));
            }
            return ok("cancel", statuses);
        }
        if (action instanceof Action.Modify m) {
            venue.modify(account, m.oid(), m.order());
            return okDefault();
        }
        if (action instanceof Action.BatchModify b) {
            ArrayNode statuses = SimJson.array();
            for (Action.Modify m : b.modifies()) {
                try {
                    statuses.add(venue.modify(account, m.oid(), m.order()));
                } catch (ExchangeError err) {
                    statuses.add(HlVenue.error(err.getMessage()));
                }
            }
            return ok("order", statuses);
        }
        if (action instanceof Action.Noop) {
            return okDefault();
        }
        if (action instanceof Action.UpdateLeverage u) {
            HlMarket m = venue.markets().byAsset(u.asset());
            if (m == null || !m.perp) {
                throw new ExchangeError(Texts.unknownAsset(u.asset()));
            }
            if (!u.isCross() || u.leverage() != venue.leverage()) {
                throw new ExchangeError(Texts.leverageFixed(venue.leverage()));
            }
            return okDefault();
        }
        throw new IllegalStateException("unhandled action " + action.getClass().getSimpleName());
    }

    private static ObjectNode okDefault() {
        ObjectNode n = SimJson.object();
        n.put("status", "ok");
        n.putObject("response").put("type", "default");
        return n;
    }

    private static ObjectNode ok(String type, ArrayNode statuses) {
        ObjectNode n = SimJson.object();
        n.put("status", "ok");
        ObjectNode response = n.putObject("response");
        response.put("type", type);
        response.putObject("data").set("statuses", statuses);
        return n;
    }

    static ObjectNode err(String text) {
        ObjectNode n = SimJson.object();
        n.put("status", "err");
        n.put("response", text);
        return n;
    }
}
