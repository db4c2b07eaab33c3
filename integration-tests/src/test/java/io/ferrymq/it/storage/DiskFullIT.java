package io.ferrymq.it.storage;

import org.junit.jupiter.api.Test;

/** Issue 17, measured fault 1: broker 2's second log dir is a 4 MiB tmpfs that fills up (ENOSPC). */
class DiskFullIT extends StorageFaultScenario {

    @Override
    FaultDisk createDisk() {
        return FaultDisk.tmpfs(4);
    }

    @Test
    void aFullDiskMovesItsLeadershipsAwayAndItsReplicasRecoverAfterARestart() {
        faultMovesLeadershipAndReplicasRecover("disk full", disk::fill);
    }
}
