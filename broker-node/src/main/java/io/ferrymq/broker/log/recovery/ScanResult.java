package io.ferrymq.broker.log.recovery;

import java.util.Optional;

/**
 * What a scan of one segment found.
 *
 * @param validBytes bytes from the start of the segment that hold valid, contiguous batches
 * @param nextOffset the offset after the last valid batch (the segment's base offset if none)
 * @param batches how many valid batches were found
 * @param problem why the scan stopped before the end of the file, if it did
 */
public record ScanResult(int validBytes, long nextOffset, int batches, Optional<String> problem) {
}
