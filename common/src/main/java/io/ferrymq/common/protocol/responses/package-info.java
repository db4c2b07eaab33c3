/**
 * One immutable record per response of the wire protocol, matching the requests of
 * {@code io.ferrymq.common.protocol.requests}. Errors are carried per topic, group or partition as
 * {@code ErrorCode}s with a message, never stack traces.
 */
package io.ferrymq.common.protocol.responses;
