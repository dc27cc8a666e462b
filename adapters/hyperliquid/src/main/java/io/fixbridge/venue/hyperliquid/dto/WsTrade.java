package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * One entry of the {@code trades} channel: {@code {"channel":"trades","data":[WsTrade, ...]}}.
 *
 * @param coin  coin name ({@code BTC}, {@code PURR/USDC}, {@code @1})
 * @param side  the taker's side: {@code B} (bought) or {@code A} (sold)
 * @param px    price
 * @param sz    size
 * @param hash  the transaction's hash
 * @param time  trade time, ms
 * @param tid   trade id
 * @param users the buyer's and the seller's addresses, in that order
 */
public record WsTrade(String coin, String side, String px, String sz, String hash, Long time, Long tid,
                      List<String> users) {
}
