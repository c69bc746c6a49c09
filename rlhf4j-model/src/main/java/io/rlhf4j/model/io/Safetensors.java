package io.rlhf4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: 8-byte little-endian header length N, N bytes of JSON
 * ({@code name: {dtype, shape, data_offsets: [begin, end]}} plus optional {@code __metadata__}),
 * then the raw little-endian tensor bytes, offsets relative to the end of the header.
 *
 * <p>One implementation for Hugging Face weights and for training checkpoints (parameters,
 * optimizer moments). Reading maps each tensor's byte range separately, so files over 2 GiB work
 * (one tensor must stay under 2 GiB). Floating tensors (F32, F16, BF16, F64) are decoded to
 * float32, the type this engine computes in; integer and boolean tensors keep their type. Every
 * array is a copy, never a view of the mapping, so it may be updated in place.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** On-disk element type of written floating tensors (integer tensors are written as they are). */
    public enum WriteType { F32, BF16 }

    private Safetensors() {}

    /** Reads all tensors into {@code manager}, in header order (floating ones as float32). */
    public static Map<String, NDArray> read(Path file, NDManager manager) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode root = header(file, ch);
            long dataStart = 8 + headerLength(file, ch);
            long size = ch.size();
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                String name = e.getKey();
                if (name.equals("__metadata__")) continue;
                JsonNode t = e.getValue();
                String dtype = t.path("dtype").asText();
                Shape shape = checkedShape(file, name, t, dataStart, size);
                DataType type = dataType(dtype, file, name);
                long begin = t.path("data_offsets").path(0).asLong(), end = t.path("data_offsets").path(1).asLong();
                if (end - begin > Integer.MAX_VALUE) throw new IllegalArgumentException(file + ": tensor " + name + " over 2 GiB");
                MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin);
                bytes.order(ByteOrder.LITTLE_ENDIAN);
                if (type.isFloating()) {
                    out.put(name, manager.create(decode(bytes, dtype, (int) shape.size()), shape));
                } else {
                    // A heap copy: DJL wraps direct buffers without copying, and the mapping is read-only.
                    ByteBuffer copy = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                    copy.put(bytes).flip();
                    out.put(name, manager.create(copy, shape, type));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + file, e);
        }
    }

    /**
     * Name → shape of every tensor, from the header alone, each entry checked against the file (known
     * dtype, offsets that fit its shape and the file's size): what {@link #read} would fail on, found
     * without reading the data.
     */
    public static Map<String, Shape> shapes(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode root = header(file, ch);
            long dataStart = 8 + headerLength(file, ch);
            Map<String, Shape> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("__metadata__")) out.put(e.getKey(), checkedShape(file, e.getKey(), e.getValue(), dataStart, ch.size()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tensor's shape, after checking that its dtype is known and its bytes lie inside the file. */
    private static Shape checkedShape(Path file, String name, JsonNode t, long dataStart, long size) {
        String dtype = t.path("dtype").asText();
        long[] dims = new long[t.path("shape").size()];
        for (int i = 0; i < dims.length; i++) dims[i] = t.path("shape").get(i).asLong();
        Shape shape = new Shape(dims);
        long begin = t.path("data_offsets").path(0).asLong(-1), end = t.path("data_offsets").path(1).asLong(-1);
        DataType type = dataType(dtype, file, name);
        if (begin < 0 || end < begin || dataStart + end > size || end - begin != shape.size() * type.getNumOfBytes()) {
            throw new IllegalArgumentException(file + ": tensor " + name + " data_offsets [" + begin + ", " + end
                    + "] do not fit shape " + shape + " of " + dtype + " in a file of " + size + " bytes");
        }
        return shape;
    }

    /** The {@code __metadata__} string map of {@code file} (empty when it has none). */
    public static Map<String, String> metadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode meta = header(file, ch).path("__metadata__");
            Map<String, String> out = new LinkedHashMap<>();
            meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + file, e);
        }
    }

    private static long headerLength(Path file, FileChannel ch) throws IOException {
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen <= 0 || headerLen > 100_000_000) {
            throw new IllegalArgumentException(file + ": not a safetensors file: its first 8 bytes give a header length of "
                    + headerLen + " (expected 1 to 100,000,000)");
        }
        if (8 + headerLen > ch.size()) {
            throw new IllegalArgumentException(file + ": header length " + headerLen + " reaches beyond the end of the file ("
                    + ch.size() + " bytes): truncated, or not a safetensors file");
        }
        return headerLen;
    }

    private static JsonNode header(Path file, FileChannel ch) throws IOException {
        if (ch.size() < 8) throw new IllegalArgumentException(file + ": not a safetensors file (" + ch.size() + " bytes)");
        ByteBuffer header = ByteBuffer.allocate((int) headerLength(file, ch));
        readFully(ch, header, 8, file);
        JsonNode root;
        try {
            root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new IllegalArgumentException(file + ": header is not valid JSON" + (at >= 0 ? " at character " + at
                    + " of the header (byte " + (8 + at) + " of the file)" : "") + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": not a safetensors file (header is not a JSON object)");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals("__metadata__")) checkEntry(file, e.getKey(), e.getValue());
        }
        return root;
    }

    /** Each tensor entry: {"dtype": string, "shape": [non-negative ints], "data_offsets": [begin, end]}. */
    private static void checkEntry(Path file, String name, JsonNode t) {
        String where = file + ": tensor " + name + ": ";
        if (!t.isObject()) throw new IllegalArgumentException(where + "expected an object, found " + t);
        if (!t.path("dtype").isTextual()) throw new IllegalArgumentException(where + "missing or non-text \"dtype\"");
        JsonNode shape = t.path("shape"), offsets = t.path("data_offsets");
        if (!shape.isArray()) throw new IllegalArgumentException(where + "missing \"shape\" array");
        for (JsonNode d : shape) {
            if (!d.isIntegralNumber() || d.asLong() < 0) throw new IllegalArgumentException(where + "shape " + shape + " is not a list of sizes");
        }
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw new IllegalArgumentException(where + "\"data_offsets\" must be [begin, end], found " + offsets);
        }
    }

    static float[] decode(ByteBuffer bytes, String dtype, int n) {
        float[] f = new float[n];
        switch (dtype) {
            case "F32" -> bytes.asFloatBuffer().get(f);
            case "F64" -> { for (int i = 0; i < n; i++) f[i] = (float) bytes.getDouble(8 * i); }
            case "F16" -> { for (int i = 0; i < n; i++) f[i] = Float.float16ToFloat(bytes.getShort(2 * i)); }
            // bfloat16 is the top half of a float32
            case "BF16" -> { for (int i = 0; i < n; i++) f[i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xFFFF) << 16); }
            default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
        }
        return f;
    }

    /** float32 → bfloat16 bits with round-to-nearest-even (NaN stays NaN), as torch does. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Writes {@code tensors} with {@code __metadata__ {"format": "pt"}} (what transformers requires). */
    public static void write(Path file, Map<String, NDArray> tensors, WriteType type) {
        write(file, tensors, type, Map.of());
    }

    /**
     * Writes {@code tensors} in map order, floating ones as {@code type}, integer and boolean ones in
     * their own type; {@code metadata} joins {@code "format": "pt"} in the header. The bytes are
     * forced to disk before returning, so a checkpoint renamed into place afterwards is complete.
     */
    public static void write(Path file, Map<String, NDArray> tensors, WriteType type, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("format", "pt");
        metadata.forEach(meta::put);
        long offset = 0;
        for (var e : tensors.entrySet()) {
            NDArray a = e.getValue();
            ObjectNode t = header.putObject(e.getKey());
            String dtype = a.getDataType().isFloating() ? type.name() : dtypeName(a.getDataType(), e.getKey());
            t.put("dtype", dtype);
            ArrayNode shape = t.putArray("shape");
            for (long d : a.getShape().getShape()) shape.add(d);
            long len = a.getShape().size() * dataType(dtype, file, e.getKey()).getNumOfBytes();
            t.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Pad the header with spaces to a multiple of 8 so tensor data is aligned (as the reference writer does).
        int padded = (json.length + 7) / 8 * 8;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) head.put((byte) ' ');
            writeFully(ch, head.flip());
            for (NDArray a : tensors.values()) writeFully(ch, encode(a, type));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors " + file, e);
        }
    }

    private static ByteBuffer encode(NDArray a, WriteType type) {
        if (!a.getDataType().isFloating()) return a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = floats(a);
        ByteBuffer buf = ByteBuffer.allocate(f.length * (type == WriteType.F32 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == WriteType.F32) buf.asFloatBuffer().put(f);
        else for (float v : f) buf.putShort(toBf16(v));
        return buf.position(0);
    }

    /** The values as float32 without leaving a converted copy in the array's (model's) manager. */
    private static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) return a.toFloatArray();
        try (NDManager tmp = a.getManager().newSubManager()) {
            NDArray c = a.toType(DataType.FLOAT32, true);
            c.attach(tmp);
            return c.toFloatArray();
        }
    }

    private static String dtypeName(DataType type, String tensor) {
        return switch (type) {
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOLEAN -> "BOOL";
            default -> throw new IllegalArgumentException("safetensors cannot store tensor " + tensor + " of type " + type);
        };
    }

    private static DataType dataType(String dtype, Path file, String tensor) {
        return switch (dtype) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            case "F64" -> DataType.FLOAT64;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            case "I8" -> DataType.INT8;
            case "U8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOLEAN;
            default -> throw new IllegalArgumentException(file + ": tensor " + tensor + " has dtype \"" + dtype
                    + "\", unknown or unsupported (F32, F16, BF16, F64, I64, I32, I8, U8, BOOL)");
        };
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new IllegalArgumentException(file + ": not a safetensors file (ends inside its header)");
            pos += n;
        }
    }
}
