package io.ferrymq.broker.group;

import java.util.List;

/**
 * Told every time a {@link Group} completes a join phase and so starts a new generation (also when
 * that generation has no members). The coordinator persists it; called under the group's lock, so
 * implementations must only hand the work off, never block.
 */
public interface GenerationListener {

    void onNewGeneration(String groupId, Generation generation);

    /** A generation: its id, protocol type and name, leader and member ids. */
    record Generation(int generationId, String protocolType, String protocol, String leaderId,
                      List<String> memberIds) {

        public Generation {
            memberIds = List.copyOf(memberIds);
        }
    }
}
