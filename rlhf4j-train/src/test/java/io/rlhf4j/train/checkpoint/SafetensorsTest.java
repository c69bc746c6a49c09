package io.rlhf4j.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @Test
    void roundTripsFloatAndIntegerTensorsWithMetadata(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> in = new LinkedHashMap<>();
            in.put("layer.weight", m.create(new float[] {1.5f, -2f, 3.25f, 0f, 7f, -0.125f}, new Shape(2, 3)));
            in.put("ids", m.create(new long[] {1L << 40, -3}));
            Safetensors.write(file, in, Map.of("steps", "12"));
            Map<String, NDArray> out = Safetensors.read(file, m);
            assertThat(out.keySet()).containsExactly("layer.weight", "ids");
            assertThat(out.get("layer.weight").getShape()).isEqualTo(new Shape(2, 3));
            assertThat(out.get("layer.weight").toFloatArray()).containsExactly(in.get("layer.weight").toFloatArray());
            assertThat(out.get("ids").getDataType()).isEqualTo(DataType.INT64);
            assertThat(out.get("ids").toLongArray()).containsExactly(1L << 40, -3);
            assertThat(Safetensors.metadata(file)).containsEntry("steps", "12");
        }
        // the layout other readers expect: u64 LE header length, JSON header, then data at the offsets
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(header.get("layer.weight").get("dtype").asText()).isEqualTo("F32");
        assertThat(header.get("ids").get("data_offsets").get(0).asLong()).isEqualTo(24);
        assertThat(bytes.length).isEqualTo(8 + headerLength + 24 + 16);
        float first = ByteBuffer.wrap(bytes, (int) (8 + headerLength), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(1.5f);
    }

    @Test
    void rejectsAFileThatIsNotSafetensors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junk.safetensors");
        Files.writeString(file, "this is not a tensor file at all");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Safetensors.read(file, m)).hasMessageContaining("not a safetensors file");
        }
    }
}
