/**
 * Account data over FIX: positions (RequestForPositions 35=AN) and balances (CollateralInquiry
 * 35=BB) asked of the venue when requested, answered by
 * {@link io.fixbridge.gateway.account.AccountData} with the messages
 * {@link io.fixbridge.gateway.translate.AccountReports} builds.
 */
package io.fixbridge.gateway.account;
