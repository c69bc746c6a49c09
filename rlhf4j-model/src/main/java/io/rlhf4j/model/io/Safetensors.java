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
 * <p>Reading maps each tensor's byte range separately, so files over 2 GiB work (one tensor must
 * stay under 2 GiB). F32, F16, BF16 and F64 are decoded to float32 arrays.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** On-disk element type of written tensors. */
    public enum WriteType { F32, BF16 }

    private Safetensors() {}

    /** Reads all tensors as float32 into {@code manager}, in header order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new IllegalArgumentException(file + ": too short for a safetensors file");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > 100_000_000 || 8 + headerLen > size) {
                throw new IllegalArgumentException(file + ": bad header length " + headerLen);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            ch.read(header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;

            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                String name = e.getKey();
                if (name.equals("__metadata__")) continue;
                JsonNode t = e.getValue();
                String dtype = t.path("dtype").asText();
                long[] dims = new long[t.path("shape").size()];
                for (int i = 0; i < dims.length; i++) dims[i] = t.path("shape").get(i).asLong();
                Shape shape = new Shape(dims);
                long begin = t.path("data_offsets").path(0).asLong(-1), end = t.path("data_offsets").path(1).asLong(-1);
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    case "F64" -> 8;
                    default -> throw new IllegalArgumentException(file + ": tensor " + name + " has unsupported dtype " + dtype);
                };
                if (begin < 0 || end < begin || dataStart + end > size || end - begin != shape.size() * width) {
                    throw new IllegalArgumentException(file + ": tensor " + name + " data_offsets [" + begin + ", " + end
                            + "] do not fit shape " + shape + " of " + dtype + " in a file of " + size + " bytes");
                }
                if (end - begin > Integer.MAX_VALUE) throw new IllegalArgumentException(file + ": tensor " + name + " over 2 GiB");
                MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin);
                bytes.order(ByteOrder.LITTLE_ENDIAN);
                out.put(name, manager.create(decode(bytes, dtype, (int) shape.size()), shape));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + file, e);
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

    /** Writes {@code tensors} (any float dtype; converted) with {@code __metadata__ {"format": "pt"}}. */
    public static void write(Path file, Map<String, NDArray> tensors, WriteType type) {
        int width = type == WriteType.F32 ? 4 : 2;
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", type.name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue().getShape().getShape()) shape.add(d);
            long len = e.getValue().getShape().size() * width;
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
            for (NDArray a : tensors.values()) {
                float[] f = floats(a);
                ByteBuffer buf = ByteBuffer.allocate(f.length * width).order(ByteOrder.LITTLE_ENDIAN);
                if (type == WriteType.F32) buf.asFloatBuffer().put(f);
                else for (float v : f) buf.putShort(toBf16(v));
                buf.position(0);
                writeFully(ch, buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors " + file, e);
        }
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

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
