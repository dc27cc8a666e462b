/**
 * The log redaction layer: no configured secret ever reaches a log line.
 *
 * <p>{@link io.fixbridge.gateway.ops.logging.SecretRegistry#global()} holds the secret values
 * (the gateway registers every secret {@code config.Secrets} finds in gateway.yaml at start);
 * both log formats of the shipped logback configuration apply its
 * {@link io.fixbridge.gateway.ops.logging.Masker} to every event: the JSON format (the default,
 * logstash-logback-encoder) through {@link io.fixbridge.gateway.ops.logging.SecretValueMasker}
 * on every value it writes, the text format through
 * {@link io.fixbridge.gateway.ops.logging.MaskingPatternLayout} on the whole line.
 * {@link io.fixbridge.gateway.ops.logging.LogFormat} chooses between them from
 * {@code FIXBRIDGE_LOG_FORMAT}. The FIX message log (the audit trail under
 * {@code dataDirectory/fix-log}) is QuickFIX/J's own and not a logback log; its Password(554) is
 * hidden by {@code fix.RedactingLogFactory}.
 */
package io.fixbridge.gateway.ops.logging;
