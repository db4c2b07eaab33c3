package io.ferrymq.broker.kafka;

/** Ferry's error messages ("" when none) as Kafka's nullable error message fields (null when none). Stateless. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /** {@code message}, or null when it is empty or null. */
    public static String orNull(String message) {
        return message == null || message.isEmpty() ? null : message;
    }
}
