package io.fixbridge.venue.bybit.dto;

import java.util.List;

/**
 * One account of {@code GET /v5/account/wallet-balance?accountType=UNIFIED}.
 *
 * @param accountType UNIFIED
 * @param coin        one entry per coin
 */
public record WalletBalance(String accountType, List<Coin> coin) {

    public WalletBalance {
        coin = coin == null ? List.of() : List.copyOf(coin);
    }

    /**
     * One coin.
     *
     * @param coin                the coin
     * @param walletBalance       the coin's balance
     * @param equity              balance plus unrealised profit
     * @param locked              held by open spot orders
     * @param totalOrderIM        initial margin held by open derivatives orders
     * @param availableToWithdraw deprecated by Bybit for unified accounts ({@code ""})
     */
    public record Coin(String coin, String walletBalance, String equity, String locked, String totalOrderIM,
                       String availableToWithdraw) {
    }
}
