package io.ferrymq.coordinator.credentials;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The codec of one user's znode {@code /config/users/<user>}, Kafka's layout:
 * {@code {"version":1,"config":{"SCRAM-SHA-256":"salt=...,stored_key=...,server_key=...,iterations=4096"}}}.
 * The config map may hold other per-user keys (Kafka keeps quotas there); they are kept as they are
 * when credentials change. Pure and stateless; thread-safe.
 */
public final class UserConfigZnode {

    static final int VERSION = 1;

    private UserConfigZnode() {
    }

    /** The config map of a znode; {@code path} is named by every error. */
    public static Map<String, String> parse(String path, byte[] data) {
        JsonObject root = Json.parseObject(path, data);
        int version = root.requireInt("version");
        if (version != VERSION) {
            throw new IllegalArgumentException(path + ": unsupported version " + version + " (expected " + VERSION + ")");
        }
        return root.object("config").stringMap();
    }

    public static byte[] encode(Map<String, String> config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("config", config);
        return Json.bytes(root);
    }

    /** The SCRAM credentials in a config map; a malformed one fails naming the mechanism and the znode. */
    public static Map<ScramMechanism, ScramCredential> credentials(String path, Map<String, String> config) {
        Map<ScramMechanism, ScramCredential> out = new EnumMap<>(ScramMechanism.class);
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            String text = config.get(mechanism.mechanismName());
            if (text != null) {
                try {
                    out.put(mechanism, ScramCredential.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + mechanism.mechanismName() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /**
     * {@code config} with {@code deletions} removed and {@code upserts} set. Deleting a credential
     * the user does not have is {@code RESOURCE_NOT_FOUND}, as in Kafka.
     */
    public static Map<String, String> alter(String user, Map<String, String> config,
                                            Map<ScramMechanism, ScramCredential> upserts,
                                            Set<ScramMechanism> deletions) {
        Map<String, String> out = new LinkedHashMap<>(config);
        for (ScramMechanism mechanism : deletions) {
            if (out.remove(mechanism.mechanismName()) == null) {
                throw ErrorCode.RESOURCE_NOT_FOUND.exception("user '" + user + "' has no "
                        + mechanism.mechanismName() + " credential to delete");
            }
        }
        upserts.forEach((mechanism, credential) -> out.put(mechanism.mechanismName(), credential.toText()));
        return out;
    }
}
