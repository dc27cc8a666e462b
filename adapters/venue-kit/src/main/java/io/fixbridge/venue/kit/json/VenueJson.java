package io.fixbridge.venue.kit.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration for venue JSON:
 * <ul>
 *   <li>floating-point numbers read as {@link java.math.BigDecimal} (never {@code double}), and
 *       {@link com.fasterxml.jackson.databind.JsonNode} trees keep them exactly, trailing zeros
 *       included;</li>
 *   <li>unknown properties ignored (venues add fields without notice);</li>
 *   <li>{@link java.math.BigDecimal} written in plain notation ({@code 0.00000001}, never
 *       {@code 1E-8});</li>
 *   <li>null properties left out when writing (venues reject {@code "price": null});</li>
 *   <li>Java records read and written by their components.</li>
 * </ul>
 * Decimal strings such as {@code "0.10"} bind to {@code BigDecimal} fields as well. A configured
 * {@link ObjectMapper} is thread-safe.
 */
public final class VenueJson {
    private static final ObjectMapper SHARED = newMapper();

    private VenueJson() {
    }

    /**
     * The shared mapper. Do not reconfigure it (it is shared by every adapter); use
     * {@link #newMapper()} for a variant.
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** A new mapper with the venue configuration, free to customise. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
