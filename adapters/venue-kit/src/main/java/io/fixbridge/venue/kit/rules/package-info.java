/**
 * Rounding to tick and lot and validation of orders against an {@link io.fixbridge.venue.Instrument}, in
 * {@link java.math.BigDecimal} only: {@link io.fixbridge.venue.kit.rules.InstrumentRules} returns structured
 * {@link io.fixbridge.venue.kit.rules.RuleViolation}s instead of throwing.
 */
package io.fixbridge.venue.kit.rules;
