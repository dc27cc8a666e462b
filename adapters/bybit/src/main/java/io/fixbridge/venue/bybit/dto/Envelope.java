package io.fixbridge.venue.bybit.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every v5 REST answer: {@code {"retCode":0,"retMsg":"OK","result":{...},"retExtInfo":{},"time":...}}.
 *
 * @param retCode    0 for success, else Bybit's error code
 * @param retMsg     Bybit's text
 * @param result     the payload (an object; empty on errors)
 * @param retExtInfo extra information (batch endpoints), usually empty
 * @param time       Bybit's time of the answer, epoch ms
 */
public record Envelope(Integer retCode, String retMsg, JsonNode result, JsonNode retExtInfo, Long time) {
}
