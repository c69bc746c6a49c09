package io.rlhf4j.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    /** Writes a safetensors file by hand (independent of our writer). */
    private Path handWritten(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static byte[] shortsLe(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : v) b.putShort((short) s);
        return b.array();
    }

    @Test
    void decodesBf16AndF16KnownBitPatterns() throws IOException {
        // bf16: 1.0, -2.0, 3.140625 (0x4049), 1e-40-ish subnormal 0x0001 = 2^-133
        // f16: 1.0, -2.0, 0.333251953125 (0x3555), 65504 (0x7BFF), smallest subnormal 2^-24 (0x0001)
        byte[] bf = shortsLe(0x3F80, 0xC000, 0x4049, 0x0001);
        byte[] hf = shortsLe(0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0);
        byte[] data = new byte[bf.length + hf.length];
        System.arraycopy(bf, 0, data, 0, bf.length);
        System.arraycopy(hf, 0, data, bf.length, hf.length);
        Path f = handWritten("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[6],\"data_offsets\":[8,20]},\"__metadata__\":{\"format\":\"pt\"}}", data);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = Safetensors.read(f, m);
            assertThat(t.get("a").getShape()).isEqualTo(new Shape(2, 2));
            assertThat(t.get("a").toFloatArray()).containsExactly(1f, -2f, 3.140625f, (float) Math.pow(2, -133));
            assertThat(t.get("b").toFloatArray()).containsExactly(1f, -2f, 0.333251953125f, 65504f, (float) Math.pow(2, -24), 0f);
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(Safetensors.toBf16(1.0f)).isEqualTo((short) 0x3F80);
        // 1 + 2^-8 is exactly halfway between bf16 1.0 and 1.0078125: ties to even (1.0)
        assertThat(Safetensors.toBf16(1.0f + (float) Math.pow(2, -8))).isEqualTo((short) 0x3F80);
        // 1 + 3*2^-8 is halfway between 1.0078125 (odd) and 1.015625 (even): rounds up
        assertThat(Safetensors.toBf16(1.0f + 3 * (float) Math.pow(2, -8))).isEqualTo((short) 0x3F82);
        assertThat(Safetensors.toBf16(3.14159f)).isEqualTo((short) 0x4049);
    }

    @Test
    void writeThenReadIsExactForF32AndRoundedForBf16() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("w", m.create(new float[] {0.1f, -3.5f, 1e-30f, 12345.678f, 0f, 1f}, new Shape(2, 3)));
            t.put("v", m.create(new float[] {7f}, new Shape(1)));
            Path f32 = dir.resolve("f32.safetensors");
            Safetensors.write(f32, t, Safetensors.WriteType.F32);
            Map<String, NDArray> back = Safetensors.read(f32, m);
            assertThat(back.keySet()).containsExactly("w", "v");
            assertThat(back.get("w").toFloatArray()).containsExactly(t.get("w").toFloatArray());
            assertThat(back.get("w").getShape()).isEqualTo(new Shape(2, 3));

            // Header: 8-byte length, then JSON padded to 8 bytes, with the pt metadata.
            byte[] raw = Files.readAllBytes(f32);
            long headerLen = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLen % 8).isZero();
            assertThat(raw.length).isEqualTo(8 + headerLen + 4 * 7);
            String header = new String(raw, 8, (int) headerLen, StandardCharsets.UTF_8);
            assertThat(header).contains("\"__metadata__\":{\"format\":\"pt\"}").contains("\"data_offsets\":[0,24]");

            Path bf = dir.resolve("bf16.safetensors");
            Safetensors.write(bf, t, Safetensors.WriteType.BF16);
            float[] w = Safetensors.read(bf, m).get("w").toFloatArray();
            float[] orig = t.get("w").toFloatArray();
            for (int i = 0; i < w.length; i++) assertThat(w[i]).isCloseTo(orig[i], org.assertj.core.data.Offset.offset(Math.abs(orig[i]) / 128 + 1e-38f));
            assertThat(w[1]).isEqualTo(-3.5f);
        }
    }

    @Test
    void rejectsOffsetsThatDoNotMatchShape() throws IOException {
        Path f = handWritten("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(f, m)).hasMessageContaining("hand.safetensors").hasMessageContaining("tensor x");
        }
        Path g = handWritten("{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(g, m)).hasMessageContaining("tensor x has dtype \"F8_E4M3\", unknown");
        }
    }

    @Test
    void rejectsAFileThatIsNotSafetensors() throws IOException {
        Path file = dir.resolve("junk.safetensors");
        Files.writeString(file, "this is not a tensor file at all");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(file, m))
                    .hasMessageContaining("junk.safetensors").hasMessageContaining("not a safetensors file");
        }
    }

    @Test
    void headerErrorsSayWhatIsWrong() throws IOException {
        Path beyond = dir.resolve("short.safetensors");
        Files.write(beyond, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(400).array());
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(beyond, m)).hasMessageContaining("short.safetensors")
                    .hasMessageContaining("header length 400 reaches beyond the end of the file (12 bytes)");
            Path badJson = handWritten("{\"x\":{\"dtype\":\"F32\",,\"shape\":[1]}}", new byte[4]);
            assertThatThrownBy(() -> Safetensors.read(badJson, m)).hasMessageContaining("hand.safetensors")
                    .hasMessageContaining("header is not valid JSON at character 20 of the header (byte 28 of the file)");
            Path badShape = handWritten("{\"x\":{\"dtype\":\"F32\",\"shape\":\"big\",\"data_offsets\":[0,4]}}", new byte[4]);
            assertThatThrownBy(() -> Safetensors.read(badShape, m)).hasMessageContaining("tensor x: missing \"shape\" array");
        }
    }

    /** Training checkpoints store optimizer steps in the metadata and may hold integer tensors. */
    @Test
    void integerTensorsKeepTheirTypeAndMetadataRoundTrips() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> in = new LinkedHashMap<>();
            in.put("layer.weight", m.create(new float[] {1.5f, -2f, 3.25f, 0f, 7f, -0.125f}, new Shape(2, 3)));
            in.put("ids", m.create(new long[] {1L << 40, -3}));
            in.put("flags", m.create(new int[] {7, -1, 0}));
            Safetensors.write(file, in, Safetensors.WriteType.F32, Map.of("steps", "12"));
            Map<String, NDArray> out = Safetensors.read(file, m);
            assertThat(out.keySet()).containsExactly("layer.weight", "ids", "flags");
            assertThat(out.get("layer.weight").toFloatArray()).containsExactly(in.get("layer.weight").toFloatArray());
            assertThat(out.get("ids").getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.INT64);
            assertThat(out.get("ids").toLongArray()).containsExactly(1L << 40, -3);
            assertThat(out.get("flags").getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.INT32);
            assertThat(out.get("flags").toIntArray()).containsExactly(7, -1, 0);
            assertThat(Safetensors.metadata(file)).containsEntry("steps", "12").containsEntry("format", "pt");
            // a read array is a copy, not a view of the read-only mapping: it can be updated in place
            out.get("ids").set(new long[] {5, 6});
            assertThat(out.get("ids").toLongArray()).containsExactly(5, 6);
        }
        byte[] raw = Files.readAllBytes(file);
        long headerLen = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(raw, 8, (int) headerLen, StandardCharsets.UTF_8);
        assertThat(header).contains("\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[24,40]}");
        assertThat(raw.length).isEqualTo(8 + headerLen + 24 + 16 + 12);
    }
}
