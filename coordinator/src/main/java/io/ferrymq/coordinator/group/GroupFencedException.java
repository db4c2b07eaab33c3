package io.ferrymq.coordinator.group;

/**
 * A conditional write of a group failed: {@code /groups/<group>} no longer has the version this
 * broker last wrote (another broker took the group over, or it was deleted). The broker must stop
 * coordinating the group and answer NOT_COORDINATOR.
 */
public class GroupFencedException extends RuntimeException {

    public GroupFencedException(String message) {
        super(message);
    }
}
