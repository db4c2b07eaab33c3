package io.ferrymq.client.record;

import io.ferrymq.client.protocol.ApiException;
import io.ferrymq.client.protocol.ErrorCode;

/**
 * A batch uses a compression codec Ferry cannot encode or decode in-process (snappy, lz4, zstd
 * need libraries that are not dependencies). Maps to
 * {@link ErrorCode#UNSUPPORTED_COMPRESSION_TYPE}.
 */
public class UnsupportedCompressionTypeException extends ApiException {

    public UnsupportedCompressionTypeException(String message) {
        super(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, message);
    }
}
