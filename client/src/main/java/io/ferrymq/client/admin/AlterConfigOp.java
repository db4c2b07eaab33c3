package io.ferrymq.client.admin;

import java.util.Objects;

/**
 * One change of one config key, as Kafka's {@code AlterConfigOp}: {@link OpType#SET} a value,
 * {@link OpType#DELETE} the key (back to the next source in precedence), {@link OpType#APPEND} to or
 * {@link OpType#SUBTRACT} from a list value. Immutable.
 *
 * @param value the value for SET, APPEND and SUBTRACT; null for DELETE
 */
public record AlterConfigOp(String key, OpType op, String value) {

    /** The operations, with Kafka's wire codes. */
    public enum OpType {
        SET((byte) 0), DELETE((byte) 1), APPEND((byte) 2), SUBTRACT((byte) 3);

        private final byte code;

        OpType(byte code) {
            this.code = code;
        }

        public byte code() {
            return code;
        }
    }

    public AlterConfigOp {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        if (op != OpType.DELETE && value == null) {
            throw new IllegalArgumentException(op + " of '" + key + "' needs a value");
        }
    }

    public static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(key, OpType.SET, value);
    }

    public static AlterConfigOp delete(String key) {
        return new AlterConfigOp(key, OpType.DELETE, null);
    }
}
