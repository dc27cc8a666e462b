package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link EditStyle} and {@link CancelParams} follow the ccxt class family, so subclasses of binance are binance. */
class EditStyleTest {

    @Test
    void binanceSubclassesGetBinancesCancelReplaceOnSpot() {
        // finding 6: binanceus extends ccxt's binance; matching the id "binance" exactly gave it AMEND
        assertThat(EditStyle.of(List.of("binanceus", "binance"), MarketType.SPOT, true)).isEqualTo(EditStyle.CANCEL_REPLACE);
        assertThat(EditStyle.of(List.of("binance"), MarketType.SPOT, true)).isEqualTo(EditStyle.CANCEL_REPLACE);
        assertThat(EditStyle.of(List.of("binanceusdm", "binance"), MarketType.LINEAR_PERPETUAL, true))
                .isEqualTo(EditStyle.AMEND);
        assertThat(EditStyle.of(List.of("bybit"), MarketType.SPOT, true)).isEqualTo(EditStyle.AMEND);
        assertThat(EditStyle.of(List.of("kraken"), MarketType.SPOT, false)).isEqualTo(EditStyle.CANCEL_THEN_NEW);
    }

    @Test
    void cancelParamsFollowTheFamilyToo() {
        assertThat(CancelParams.of(List.of("binanceusdm", "binance"), MarketType.LINEAR_PERPETUAL, OrderType.STOP)
                .path("trigger").asBoolean()).isTrue();
        assertThat(CancelParams.of(List.of("binanceus", "binance"), MarketType.SPOT, OrderType.STOP_LIMIT)).isEmpty();
        assertThat(CancelParams.of(List.of("bybit"), MarketType.SPOT, OrderType.TAKE_PROFIT).path("orderFilter")
                .asText()).isEqualTo("tpslOrder");
        assertThat(CancelParams.of(List.of("bybit"), MarketType.LINEAR_PERPETUAL, OrderType.STOP)).isEmpty();
        assertThat(CancelParams.of(List.of("okx"), MarketType.SPOT, OrderType.STOP).path("trigger").asBoolean()).isTrue();
        assertThat(CancelParams.of(List.of("okx"), MarketType.SPOT, OrderType.LIMIT)).isEmpty();
    }
}
