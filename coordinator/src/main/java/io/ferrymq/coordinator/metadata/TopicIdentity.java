package io.ferrymq.coordinator.metadata;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of one incarnation of a topic: a name-based (version 3) UUID of the topic's name and the
 * creation zxid of its {@code /topics/<topic>} znode. Every broker reads the same zxid, so all compute
 * the same id without storing it; a topic deleted and created again gets a new zxid and so a new id.
 * A version-3 UUID always has its version bits set, so it is never the all-zero UUID nor Kafka's
 * reserved metadata topic id ({@code 0...01}). Pure and thread-safe.
 */
public final class TopicIdentity {

    private TopicIdentity() {
    }

    /** The id of topic {@code name} whose znode was created at zxid {@code czxid}. */
    public static UUID of(String name, long czxid) {
        return UUID.nameUUIDFromBytes((name + "@" + czxid).getBytes(StandardCharsets.UTF_8));
    }
}
