package io.fixbridge.gateway.marketdata;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A MarketDataRequest (35=V) as the gateway understood it; checked against the FIX rules, not yet
 * against the venues (symbols, depth).
 *
 * @param mdReqId     MDReqID(262), unique per session among open subscriptions
 * @param kind        SubscriptionRequestType(263)
 * @param depth       MarketDepth(264): 0 for every level the venue publishes, 1 for the top of the
 *                    book, N for the best N levels per side
 * @param fullRefresh MDUpdateType(265) 0: every change is sent as a full refresh (35=W) instead of
 *                    an incremental one (35=X)
 * @param entryTypes  MDEntryType(269) values asked for
 * @param instruments the instruments, each with its venue
 */
public record MdRequest(String mdReqId, Kind kind, int depth, boolean fullRefresh, Set<EntryType> entryTypes,
                        List<MdInstrument> instruments) {

    /** SubscriptionRequestType(263). */
    public enum Kind {
        /** 0: one snapshot. */
        SNAPSHOT,
        /** 1: a snapshot, then updates until unsubscribed. */
        SUBSCRIBE,
        /** 2: ends the subscription of the same MDReqID. */
        UNSUBSCRIBE
    }

    /** The MDEntryType(269) values the gateway publishes. */
    public enum EntryType {
        BID('0'),
        OFFER('1'),
        TRADE('2');

        private final char fix;

        EntryType(char fix) {
            this.fix = fix;
        }

        /** The MDEntryType(269) value. */
        public char fix() {
            return fix;
        }
    }

    /** One instrument of a request: its unified Symbol(55) on a venue. */
    public record MdInstrument(String venue, String symbol) {
        public MdInstrument {
            Objects.requireNonNull(venue, "venue");
            Objects.requireNonNull(symbol, "symbol");
        }
    }

    public MdRequest {
        Objects.requireNonNull(mdReqId, "mdReqId");
        Objects.requireNonNull(kind, "kind");
        entryTypes = Set.copyOf(entryTypes);
        instruments = List.copyOf(instruments);
    }

    /** Whether book entries (bids or offers) were asked for. */
    public boolean wantsBook() {
        return entryTypes.contains(EntryType.BID) || entryTypes.contains(EntryType.OFFER);
    }
}
