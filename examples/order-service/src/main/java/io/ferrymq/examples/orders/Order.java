package io.ferrymq.examples.orders;

/** An order: its id (the record key, so one order's events stay in one partition) and the item ordered. Immutable. */
public record Order(String id, String item) {
}
