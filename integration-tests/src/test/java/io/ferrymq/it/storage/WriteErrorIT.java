package io.ferrymq.it.storage;

import org.junit.jupiter.api.Test;

/**
 * Issue 17, measured fault 2: broker 2's second log dir is a 24 MiB loop-mounted ext4 that is shut
 * down ({@code FS_IOC_SHUTDOWN}), so every later write and read there fails with EIO.
 */
class WriteErrorIT extends StorageFaultScenario {

    @Override
    FaultDisk createDisk() {
        return FaultDisk.ext4(24);
    }

    @Test
    void anIoErrorMovesTheDirsLeadershipsAwayAndItsReplicasRecoverAfterARestart() {
        faultMovesLeadershipAndReplicasRecover("EIO", disk::shutDown);
    }
}
