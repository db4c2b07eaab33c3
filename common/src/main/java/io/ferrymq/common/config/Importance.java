package io.ferrymq.common.config;

/** How likely an operator is to need to change a configuration key, as in Kafka's documentation. */
public enum Importance {
    HIGH,
    MEDIUM,
    LOW
}
