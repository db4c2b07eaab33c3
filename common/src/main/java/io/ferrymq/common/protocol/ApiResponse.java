package io.ferrymq.common.protocol;

import io.ferrymq.common.errors.ErrorCode;

/**
 * A protocol-neutral response body: an immutable record. Errors travel inside it as
 * {@link ErrorCode}s, per partition where the API is about partitions.
 */
public interface ApiResponse {
}
