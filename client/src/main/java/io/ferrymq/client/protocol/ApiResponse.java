package io.ferrymq.client.protocol;

/**
 * A protocol-neutral response body: an immutable record. Errors travel inside it as
 * {@link ErrorCode}s, per partition where the API is about partitions.
 */
public interface ApiResponse {
}
