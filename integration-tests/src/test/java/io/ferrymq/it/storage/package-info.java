/**
 * The measured storage-fault tests of issue 17, root only (they skip otherwise): a real filesystem under
 * one broker's second log dir ({@link io.ferrymq.it.storage.FaultDisk}: tmpfs or loop-mounted ext4) fails
 * under acks=all load (disk full, EIO, read-only remount), and {@link io.ferrymq.it.storage.StorageFaultScenario}
 * measures how fast the leaderships on it move and checks the acknowledged history and the replicas after
 * the broker restarts on the repaired disk.
 */
package io.ferrymq.it.storage;
