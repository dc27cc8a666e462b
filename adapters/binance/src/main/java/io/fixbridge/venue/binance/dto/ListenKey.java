package io.fixbridge.venue.binance.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /fapi/v1/listenKey}: {@code {"listenKey":"..."}}. The key is a bearer secret of the
 * stream; never log it ({@link #toString()} hides it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenKey(String listenKey) {
    @Override
    public String toString() {
        return "ListenKey[***]";
    }
}
