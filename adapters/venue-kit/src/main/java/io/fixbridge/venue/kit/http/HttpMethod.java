package io.fixbridge.venue.kit.http;

/** The HTTP methods venue REST APIs use. */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    DELETE,
    PATCH
}
