package io.fixbridge.venue.kit.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class VenueJsonTest {
    record Fill(String symbol, BigDecimal price, BigDecimal qty, long tradeId) {
    }

    record Order(String symbol, BigDecimal price, String clientOrderId, List<Fill> fills) {
    }

    private final ObjectMapper mapper = VenueJson.mapper();

    @Test
    void readsRecordsWithBigDecimalsAndIgnoresUnknownFields() throws Exception {
        Order o = mapper.readValue("{\"symbol\":\"BTCUSDT\",\"price\":\"0.10000000\",\"newField\":{\"x\":1},"
                + "\"fills\":[{\"symbol\":\"BTCUSDT\",\"price\":52000.10,\"qty\":0.1,\"tradeId\":12345678901}]}", Order.class);
        assertThat(o.price().toPlainString()).isEqualTo("0.10000000");
        assertThat(o.fills().get(0).price().toPlainString()).isEqualTo("52000.10");
        assertThat(o.fills().get(0).qty()).isEqualTo(new BigDecimal("0.1"));
        assertThat(o.fills().get(0).tradeId()).isEqualTo(12345678901L);
        assertThat(o.clientOrderId()).isNull();
    }

    @Test
    void treesKeepExactDecimals() throws Exception {
        JsonNode n = mapper.readTree("{\"p\":0.10,\"q\":1e-8,\"big\":123456789012345678901234567890.123456789}");
        assertThat(n.get("p").isBigDecimal()).isTrue();
        assertThat(n.get("p").decimalValue().toPlainString()).isEqualTo("0.10");
        assertThat(n.get("q").decimalValue()).isEqualByComparingTo("0.00000001");
        assertThat(n.get("big").decimalValue().toPlainString()).isEqualTo("123456789012345678901234567890.123456789");
    }

    @Test
    void writesPlainDecimalsAndSkipsNulls() throws Exception {
        String json = mapper.writeValueAsString(new Order("BTCUSDT", new BigDecimal("1E-8"), null, List.of()));
        assertThat(json).isEqualTo("{\"symbol\":\"BTCUSDT\",\"price\":0.00000001,\"fills\":[]}");
        assertThat(mapper.writeValueAsString(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void newMapperIsIndependent() {
        ObjectMapper custom = VenueJson.newMapper();
        assertThat(custom).isNotSameAs(VenueJson.mapper());
        assertThat(custom.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)).isTrue();
    }
}
