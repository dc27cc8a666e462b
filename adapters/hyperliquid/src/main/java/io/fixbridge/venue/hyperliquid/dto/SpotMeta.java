package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * {@code POST /info {"type":"spotMeta"}}: spot tokens and pairs; a pair's asset id is 10000 + its index.
 *
 * @param tokens   tokens (by {@code index})
 * @param universe pairs
 */
public record SpotMeta(List<Token> tokens, List<Pair> universe) {
    public SpotMeta {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        universe = universe == null ? List.of() : List.copyOf(universe);
    }

    /**
     * One token.
     *
     * @param name        its name ({@code USDC}, {@code PURR})
     * @param szDecimals  decimals of sizes when it is the base of a pair
     * @param weiDecimals on-chain decimals
     * @param index       token index, referenced by pairs
     * @param tokenId     the token's id
     * @param isCanonical whether canonical
     */
    public record Token(String name, int szDecimals, int weiDecimals, int index, String tokenId,
                        Boolean isCanonical) {
    }

    /**
     * One pair.
     *
     * @param name        the coin name in orders, fills and books ({@code PURR/USDC} or {@code @1})
     * @param tokens      [base token index, quote token index]
     * @param index       pair index (asset id = 10000 + index)
     * @param isCanonical whether canonical
     */
    public record Pair(String name, List<Integer> tokens, int index, Boolean isCanonical) {
        public Pair {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }
}
