package io.fixbridge.sims.bybit;

import java.math.BigDecimal;

/**
 * One coin of one unified wallet at one moment, as {@code wallet-balance} and the {@code wallet}
 * topic report it. Immutable.
 *
 * @param coin        the coin
 * @param wallet      walletBalance: the engine's total
 * @param available   what new orders may use (the engine's available)
 * @param locked      held by open spot orders
 * @param orderIM     initial margin of open derivative orders settled in this coin
 * @param positionIM  initial margin of positions settled in this coin
 * @param positionMM  maintenance margin of those positions
 * @param upl         unrealised PnL of those positions at the mark price
 * @param cumRealised realised PnL (net of fees) of those positions ever
 * @param usdPrice    the coin's price in USD (1 for USDT; the spot, else perpetual mid otherwise)
 */
record CoinState(String coin, BigDecimal wallet, BigDecimal available, BigDecimal locked, BigDecimal orderIM,
                 BigDecimal positionIM, BigDecimal positionMM, BigDecimal upl, BigDecimal cumRealised,
                 BigDecimal usdPrice) {

    BigDecimal equity() {
        return wallet.add(upl);
    }
}
