package io.ferrymq.common.protocol;

/**
 * A protocol-neutral request body: an immutable record naming the {@link ApiKey} it belongs to.
 * Handlers see only these records; how they travel on the wire is the codec's business.
 */
public interface ApiRequest {

    ApiKey apiKey();
}
