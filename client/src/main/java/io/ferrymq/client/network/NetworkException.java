package io.ferrymq.client.network;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;

/**
 * The connection to a broker failed, could not be made, or closed with the request in flight
 * ({@link ErrorCode#NETWORK_EXCEPTION}, retriable: refresh metadata and retry on a new connection).
 */
public class NetworkException extends ApiException {

    public NetworkException(String message) {
        super(ErrorCode.NETWORK_EXCEPTION, message);
    }

    public NetworkException(String message, Throwable cause) {
        super(ErrorCode.NETWORK_EXCEPTION, message, cause);
    }
}
