package io.ferrymq.coordinator.producer;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of producer id blocks, apart from ZooKeeper: blocks of {@link #BLOCK_SIZE} ids follow
 * each other without gap or overlap from id 0, so the block after the latest one claimed is never
 * handed out twice as long as each claim replaces the latest block atomically (see
 * {@link ZkProducerIdStore}). The latest block is kept as {@code {"version":1,"broker":<id>,
 * "block_start":<first>,"block_end":<last>}} in {@link ZkPaths#LATEST_PRODUCER_ID_BLOCK} (Kafka's
 * node, with numbers where Kafka writes strings). Stateless and thread-safe.
 */
public final class ProducerIdBlocks {

    /** Ids per block, as Kafka's. */
    public static final int BLOCK_SIZE = 1000;
    private static final int FORMAT_VERSION = 1;

    private ProducerIdBlocks() {
    }

    /**
     * The block {@code brokerId} claims after {@code latest}, the newest block anyone claimed (none:
     * the first block, from id 0). Throws {@link CoordinatorException} once the ids are exhausted.
     */
    public static ProducerIdBlock next(Optional<ProducerIdBlock> latest, int brokerId) {
        long first = latest.map(block -> block.lastId() + 1).orElse(0L);
        if (first < 0 || first > Long.MAX_VALUE - BLOCK_SIZE + 1) {
            throw new CoordinatorException("producer ids are exhausted: the latest block ends at "
                    + latest.map(ProducerIdBlock::lastId).orElse(-1L));
        }
        return new ProducerIdBlock(brokerId, first, first + BLOCK_SIZE - 1);
    }

    public static byte[] toJson(ProducerIdBlock block) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", FORMAT_VERSION);
        json.put("broker", block.brokerId());
        json.put("block_start", block.firstId());
        json.put("block_end", block.lastId());
        return Json.bytes(json);
    }

    /** Parses the znode's data; throws {@link IllegalArgumentException} naming the znode when malformed. */
    public static ProducerIdBlock parse(byte[] data) {
        JsonObject json = Json.parseObject(ZkPaths.LATEST_PRODUCER_ID_BLOCK, data);
        int version = json.requireInt("version");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(ZkPaths.LATEST_PRODUCER_ID_BLOCK + ": unknown version " + version);
        }
        try {
            return new ProducerIdBlock(json.requireInt("broker"), json.requireLong("block_start"),
                    json.requireLong("block_end"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ZkPaths.LATEST_PRODUCER_ID_BLOCK + ": " + e.getMessage(), e);
        }
    }
}
