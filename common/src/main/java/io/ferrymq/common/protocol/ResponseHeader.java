package io.ferrymq.common.protocol;

/** What precedes every response body: the correlation id of the request it answers. Immutable. */
public record ResponseHeader(int correlationId) {
}
