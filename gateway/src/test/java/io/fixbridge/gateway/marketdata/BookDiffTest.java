package io.fixbridge.gateway.marketdata;

import io.fixbridge.venue.PriceLevel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The level changes between two book sides: deletes first, prices compared by value, sizes too. */
class BookDiffTest {

    private static PriceLevel l(String price, String size) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(size));
    }

    private static List<String> diff(MdRequest.EntryType type, List<PriceLevel> before, List<PriceLevel> after) {
        List<BookDiff.Change> out = new ArrayList<>();
        BookDiff.diff(type, before, after, out);
        return out.stream().map(c -> c.action() + " " + c.price().toPlainString() + " " + c.size().toPlainString()).toList();
    }

    @Test
    void bidsNewChangedAndDeletedWithDeletesFirst() {
        List<PriceLevel> before = List.of(l("100", "1"), l("99", "2"), l("98", "3"));
        List<PriceLevel> after = List.of(l("100.5", "4"), l("100", "1"), l("99", "5"));
        assertThat(diff(MdRequest.EntryType.BID, before, after))
                .containsExactly("DELETE 98 3", "NEW 100.5 4", "CHANGE 99 5");
    }

    @Test
    void offersRiseAndEqualPricesOfAnotherScaleAreOneLevel() {
        List<PriceLevel> before = List.of(l("101", "1"), l("102.0", "2"));
        List<PriceLevel> after = List.of(l("102", "2.00"), l("103", "1"));
        assertThat(diff(MdRequest.EntryType.OFFER, before, after)).containsExactly("DELETE 101 1", "NEW 103 1");
    }

    @Test
    void anEmptySideAndNoChange() {
        assertThat(diff(MdRequest.EntryType.BID, List.of(), List.of(l("1", "1")))).containsExactly("NEW 1 1");
        assertThat(diff(MdRequest.EntryType.BID, List.of(l("1", "1")), List.of())).containsExactly("DELETE 1 1");
        assertThat(diff(MdRequest.EntryType.OFFER, List.of(l("1", "1")), List.of(l("1", "1")))).isEmpty();
        assertThat(BookDiff.top(List.of(l("3", "1"), l("2", "1")), 1)).containsExactly(l("3", "1"));
    }
}
