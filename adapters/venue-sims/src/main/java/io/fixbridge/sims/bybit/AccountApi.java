package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.bybit.Endpoint.Call;
import io.fixbridge.sims.bybit.Endpoint.Limit;
import io.fixbridge.sims.bybit.Endpoint.Role;
import io.fixbridge.sims.common.SimJson;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The signed account-description endpoints general-purpose clients (ccxt among them) call before
 * trading: {@code GET /v5/user/query-api} (the API key: read-write, unified trade account,
 * master), {@code GET /v5/account/info} (UTA 2.0, regular margin) and
 * {@code GET /v5/asset/coin/query-info} (every coin the listings use, one chain each with deposit
 * and withdrawal suspended: the simulator moves no coins in or out). Field sets as Bybit's docs;
 * the user id is a stable number derived from the account name.
 *
 * <p><b>Threading:</b> immutable after {@link #register}; handlers run on the event loops, touch
 * only immutable listing specs and never block. Errors: an unknown {@code coin} answers an empty
 * {@code rows} list, as Bybit does.
 */
final class AccountApi {
    /** Bybit's unifiedMarginStatus for a UTA 2.0 account. */
    static final int UTA_2_0 = 5;

    private final Collection<Listing> listings;
    private final Instant created;

    AccountApi(Collection<Listing> listings, Clock clock) {
        this.listings = listings;
        this.created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    void register(Router r) {
        r.add(new Endpoint("GET", "/v5/user/query-api", true, Limit.QUERY, Role.READ, this::apiKey));
        r.add(new Endpoint("GET", "/v5/account/info", true, Limit.QUERY, Role.READ, this::accountInfo));
        r.add(new Endpoint("GET", "/v5/asset/coin/query-info", true, Limit.QUERY, Role.READ, this::coinInfo));
    }

    /** A stable positive user id for {@code accountName}. */
    static long userId(String accountName) {
        return 10_000_000L + Math.floorMod(accountName.hashCode(), 89_999_999);
    }

    private CompletableFuture<JsonNode> apiKey(Call call) {
        SimAccount a = call.account();
        ObjectNode n = SimJson.object();
        long uid = userId(a.name());
        n.put("id", Long.toString(uid * 10 + 1));
        n.put("note", "fixbridge simulator key");
        n.put("apiKey", a.apiKey());
        n.put("readOnly", 0);
        n.put("secret", "");
        ObjectNode perms = n.putObject("permissions");
        perms.putArray("ContractTrade").add("Order").add("Position");
        perms.putArray("Spot").add("SpotTrade");
        perms.putArray("Wallet").add("AccountTransfer");
        perms.putArray("Options");
        perms.putArray("Derivatives").add("DerivativesTrade");
        perms.putArray("CopyTrading");
        perms.putArray("BlockTrade");
        perms.putArray("Exchange");
        perms.putArray("NFT");
        perms.putArray("Affiliate");
        perms.putArray("Earn");
        n.putArray("ips").add("*");
        n.put("type", 1);
        n.put("deadlineDay", 90);
        n.put("expiredAt", created.plus(90, ChronoUnit.DAYS).toString());
        n.put("createdAt", created.toString());
        n.put("unified", 0);
        n.put("uta", 1);
        n.put("userID", uid);
        n.put("inviterID", 0);
        n.put("vipLevel", "No VIP");
        n.put("mktMakerLevel", "0");
        n.put("affiliateID", 0);
        n.put("rsaPublicKey", "");
        n.put("isMaster", true);
        n.put("parentUid", "0");
        n.put("kycLevel", "LEVEL_DEFAULT");
        n.put("kycRegion", "");
        return CompletableFuture.completedFuture(n);
    }

    private CompletableFuture<JsonNode> accountInfo(Call call) {
        ObjectNode n = SimJson.object();
        n.put("marginMode", "REGULAR_MARGIN");
        n.put("updatedTime", Long.toString(created.toEpochMilli()));
        n.put("unifiedMarginStatus", UTA_2_0);
        n.put("dcpStatus", "OFF");
        n.put("timeWindow", 10);
        n.put("smpGroup", 0);
        n.put("isMasterTrader", false);
        n.put("spotHedgingStatus", "OFF");
        return CompletableFuture.completedFuture(n);
    }

    private CompletableFuture<JsonNode> coinInfo(Call call) {
        String only = call.params().text("coin").orElse(null);
        Set<String> coins = new TreeSet<>();
        for (Listing l : listings) {
            coins.add(l.spec.baseCoin());
            coins.add(l.spec.settleCoin());
            if (l.category() == Category.SPOT) {
                coins.add(l.spec.quoteCoin());
            }
        }
        ObjectNode result = SimJson.object();
        ArrayNode rows = result.putArray("rows");
        for (String coin : coins) {
            if (only != null && !only.equals(coin)) {
                continue;
            }
            ObjectNode row = rows.addObject();
            row.put("name", coin);
            row.put("coin", coin);
            row.put("remainAmount", "0");
            ObjectNode chain = row.putArray("chains").addObject();
            chain.put("chainType", coin);
            chain.put("confirmation", "1");
            chain.put("withdrawFee", "");          // empty: "this coin does not support withdrawal"
            chain.put("depositMin", "0");
            chain.put("withdrawMin", "0");
            chain.put("chain", coin);
            chain.put("chainDeposit", "0");
            chain.put("chainWithdraw", "0");
            chain.put("minAccuracy", "8");
            chain.put("withdrawPercentageFee", "0");
        }
        return CompletableFuture.completedFuture(result);
    }
}
