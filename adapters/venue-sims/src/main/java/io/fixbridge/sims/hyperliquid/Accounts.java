package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who exists and who may sign for whom: users (with their starting perp margin and spot balances),
 * API (agent) wallets approved for a user, and vaults / sub-accounts with their master. Addresses
 * are lower-case {@code 0x} + 40 hex. Immutable after the simulator starts.
 *
 * <p><b>Threading:</b> read-only after construction; safe from any thread.
 */
final class Accounts {
    /** Starting funds of one account. */
    record Funds(BigDecimal perpUsdc, Map<String, BigDecimal> spot) {
    }

    private final Map<String, Funds> users;
    private final Map<String, String> agents;
    private final Map<String, String> vaults;

    Accounts(Map<String, Funds> users, Map<String, String> agents, Map<String, String> vaults) {
        Map<String, Funds> all = new LinkedHashMap<>(users);
        for (Map.Entry<String, String> v : vaults.entrySet()) {
            if (!all.containsKey(v.getValue())) {
                throw new IllegalArgumentException("the master " + v.getValue() + " of vault " + v.getKey()
                        + " is not an account");
            }
            all.putIfAbsent(v.getKey(), new Funds(BigDecimal.ZERO, Map.of()));
        }
        for (Map.Entry<String, String> a : agents.entrySet()) {
            if (!all.containsKey(a.getValue())) {
                throw new IllegalArgumentException("agent " + a.getKey() + " is approved for " + a.getValue()
                        + ", which is not an account");
            }
            if (all.containsKey(a.getKey())) {
                throw new IllegalArgumentException("agent " + a.getKey() + " is also an account");
            }
        }
        this.users = Collections.unmodifiableMap(all);
        this.agents = Map.copyOf(agents);
        this.vaults = Map.copyOf(vaults);
    }

    /** Every account (users and vaults), with starting funds, in the order given. */
    Map<String, Funds> all() {
        return users;
    }

    boolean isAccount(String address) {
        return users.containsKey(address);
    }

    boolean isVault(String address) {
        return vaults.containsKey(address);
    }

    /** The user an agent trades for, or null. */
    String agentOwner(String agent) {
        return agents.get(agent);
    }

    /** The master of a vault or sub-account, or null. */
    String master(String vault) {
        return vaults.get(vault);
    }

    /** Whether {@code signer} is a known user or agent (the venue's "does not exist" test). */
    boolean knows(String signer) {
        return (users.containsKey(signer) && !vaults.containsKey(signer)) || agents.containsKey(signer);
    }

    /**
     * The account a request signed by {@code signer} trades, or null when the signer may not trade
     * it: with {@code vault} null the signer itself (a user) or the user its agent is approved for;
     * with a vault, the vault when the signer is its master or an agent of its master.
     */
    String actingAccount(String signer, String vault) {
        String principal = users.containsKey(signer) && !vaults.containsKey(signer) ? signer : agents.get(signer);
        if (principal == null) {
            return null;
        }
        if (vault == null) {
            return principal;
        }
        return principal.equals(vaults.get(vault)) ? vault : null;
    }
}
