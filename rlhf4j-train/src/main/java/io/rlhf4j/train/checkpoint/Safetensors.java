package io.rlhf4j.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, a JSON header of
 * name to dtype/shape/byte range, then raw little-endian data), for optimizer state and training
 * checkpoints. Hugging Face model files go through the model engine's ModelIO; this is the
 * minimal subset the checkpoints need, kept here so checkpoints do not depend on a model layout.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() { }

    /** Writes {@code tensors} in map order and forces the bytes to disk before returning. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("safetensors writing assumes a little-endian machine");
        }
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            long bytes = a.size() * a.getDataType().getNumOfBytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(a.getDataType()));
            var shape = entry.putArray("shape");
            for (long d : a.getShape().getShape()) shape.add(d);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).flip();
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(headerBytes));
            for (NDArray a : tensors.values()) {
                writeFully(ch, a.toByteBuffer());
            }
            ch.force(true);
        }
    }

    /** Reads every tensor of {@code file} into arrays attached to {@code manager}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > 100_000_000L || headerLength + 8 > ch.size()) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBytes, 8);
            JsonNode header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) continue;
                JsonNode entry = e.getValue();
                DataType type = dataType(entry.get("dtype").asText());
                long[] shape = new long[entry.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = entry.get("shape").get(i).asLong();
                long begin = entry.get("data_offsets").get(0).asLong();
                long end = entry.get("data_offsets").get(1).asLong();
                Shape s = new Shape(shape);
                if (end - begin != s.size() * type.getNumOfBytes() || dataStart + end > ch.size()) {
                    throw new IOException(file + ": tensor " + e.getKey() + " has a byte range that does not fit its shape");
                }
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, data, dataStart + begin);
                data.flip();
                out.put(e.getKey(), manager.create(data, s, type));
            }
            return out;
        }
    }

    /** The {@code __metadata__} string map of {@code file} (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) len.flip().getLong());
            readFully(ch, headerBytes, 8);
            JsonNode meta = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8)).get("__metadata__");
            Map<String, String> out = new LinkedHashMap<>();
            if (meta != null) meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }

    static String dtypeName(DataType type) {
        return switch (type) {
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOLEAN -> "BOOL";
            default -> throw new IllegalArgumentException("safetensors cannot store " + type);
        };
    }

    static DataType dataType(String name) {
        return switch (name) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            case "F64" -> DataType.FLOAT64;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            case "I8" -> DataType.INT8;
            case "U8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOLEAN;
            default -> throw new IllegalArgumentException("unsupported safetensors dtype " + name);
        };
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new IOException("unexpected end of file");
            pos += n;
        }
    }
}
