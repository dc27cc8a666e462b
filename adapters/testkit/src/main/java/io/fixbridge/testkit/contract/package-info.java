/**
 * The venue adapter contract suite: {@link io.fixbridge.testkit.contract.VenueAdapterContract}
 * is the abstract JUnit 5 test every adapter's test subclasses, with a
 * {@link io.fixbridge.testkit.contract.ContractFixture} saying what to trade.
 */
package io.fixbridge.testkit.contract;
