package dev.pim.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists cut into JSON arrays small enough for one DynamoDB item each (an item holds at most 400 KB, names and
 * keys included): whole elements only, so that every stored part reads on its own.
 */
final class JsonChunks {
    /** Half the item limit: room for the keys and the other attributes, and for an element that is large. */
    static final int MAX_CHUNK_BYTES = 200_000;

    private JsonChunks() {
    }

    /** At least one chunk ({@code []} for an empty list). */
    static <T> List<String> pack(List<T> elements, Class<T> type) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder("[");
        int bytes = 2;
        for (T element : elements) {
            String json = write(element, type);
            int size = json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (chunk.length() > 1 && bytes + size > MAX_CHUNK_BYTES) {
                chunks.add(chunk.append(']').toString());
                chunk = new StringBuilder("[");
                bytes = 2;
            }
            chunk.append(chunk.length() > 1 ? "," : "").append(json);
            bytes += size;
        }
        chunks.add(chunk.append(']').toString());
        return chunks;
    }

    static <T> List<T> unpack(List<String> chunks, Class<T> type) {
        JavaType listType = LedgerJson.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        List<T> out = new ArrayList<>();
        for (String chunk : chunks) {
            out.addAll(read(chunk, listType));
        }
        return out;
    }

    static <T> String write(T value, Class<T> type) {
        try {
            return LedgerJson.MAPPER.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a " + type.getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, JavaType type) {
        try {
            return LedgerJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read a stored " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        return read(json, LedgerJson.MAPPER.constructType(type));
    }
}
