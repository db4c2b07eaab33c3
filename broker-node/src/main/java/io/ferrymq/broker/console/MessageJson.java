package io.ferrymq.broker.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.record.Header;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Renders records for the message browser: offset, timestamp and its type, the batch's codec,
 * and key, value and header values as text when they are valid UTF-8, else as base64 with
 * {@code "encoding":"base64"} on that field's object. A null key or value is a JSON null. Stateless.
 */
public final class MessageJson {

    private MessageJson() {
    }

    /** The body of {@code /api/messages}. */
    public static ObjectNode page(MessageQuery query, long logStartOffset, long logEndOffset,
                                  List<ConsumerRecord<byte[], byte[]>> records) {
        ObjectNode root = Json.object().put("topic", query.topic()).put("partition", query.partition());
        root.put("logStartOffset", logStartOffset).put("logEndOffset", logEndOffset);
        ArrayNode list = root.putArray("records");
        records.forEach(r -> list.add(record(r)));
        return root;
    }

    static ObjectNode record(ConsumerRecord<byte[], byte[]> r) {
        ObjectNode out = Json.object().put("offset", r.offset()).put("timestamp", r.timestamp());
        out.put("timestampType", r.timestampType().name()).put("compression", r.compression().configName());
        out.set("key", bytes(r.key()));
        out.set("value", bytes(r.value()));
        ArrayNode headers = out.putArray("headers");
        for (Header h : r.headers()) {
            ObjectNode header = headers.addObject().put("key", h.key());
            header.set("value", bytes(h.valueBytes().orElse(null)));
        }
        return out;
    }

    /** {@code {"text":"..."}}, {@code {"text":"<base64>","encoding":"base64"}}, or null. */
    static ObjectNode bytes(byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            return Json.object().put("text", text);
        } catch (CharacterCodingException e) {
            return Json.object().put("text", Base64.getEncoder().encodeToString(data)).put("encoding", "base64");
        }
    }
}
