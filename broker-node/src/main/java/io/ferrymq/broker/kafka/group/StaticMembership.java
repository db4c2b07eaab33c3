package io.ferrymq.broker.kafka.group;

import io.ferrymq.common.errors.ErrorCode;

/**
 * Ferry's group coordinator has no static membership (KIP-345): a request naming a
 * {@code group.instance.id} is refused with UNSUPPORTED_VERSION, which Kafka's clients report as the
 * broker not supporting static membership, instead of being served as a dynamic member. Stateless.
 */
final class StaticMembership {

    private StaticMembership() {
    }

    /** Refuses a non-null {@code groupInstanceId}. */
    static void refuse(String groupInstanceId) {
        if (groupInstanceId != null) {
            throw ErrorCode.UNSUPPORTED_VERSION.exception("static membership (group.instance.id "
                    + groupInstanceId + ") is not supported by Ferry's group coordinator");
        }
    }
}
