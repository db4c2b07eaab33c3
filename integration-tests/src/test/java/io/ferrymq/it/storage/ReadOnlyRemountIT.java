package io.ferrymq.it.storage;

import org.junit.jupiter.api.Test;

/**
 * Issue 17, measured fault 3: broker 2's second log dir is a 24 MiB loop-mounted ext4 that the kernel
 * remounts read-only after an ext4 error ({@code errors=remount-ro}), so every later write fails with EROFS.
 */
class ReadOnlyRemountIT extends StorageFaultScenario {

    @Override
    FaultDisk createDisk() {
        return FaultDisk.ext4(24);
    }

    @Test
    void aReadOnlyRemountMovesTheDirsLeadershipsAwayAndItsReplicasRecoverAfterARestart() {
        faultMovesLeadershipAndReplicasRecover("read-only remount", disk::remountReadOnly);
    }
}
