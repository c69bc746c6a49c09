package io.rlhf4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.ModelConfig;
import io.rlhf4j.model.Parameters;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.model.llama.LlamaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and saves models in the Hugging Face directory layout: {@code config.json},
 * {@code model.safetensors} (or shards listed in {@code model.safetensors.index.json}) and
 * {@code generation_config.json}. The architecture comes from config.json's model_type.
 */
public final class ModelIO {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    /** transformers' default {@code max_shard_size} ("5GB"): larger weights are split into shards. */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;

    private ModelIO() {}

    /** Reads and validates config.json. */
    public static ModelConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": not found");
        try {
            return HfConfig.parse(HfConfig.JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot parse JSON", e);
        }
    }

    /** Loads the model in {@code dir} (float32) into a sub-manager of {@code parent}. */
    public static CausalLm load(Path dir, NDManager parent) {
        try (NDManager tmp = parent.newSubManager()) {
            return build(dir, tmp, parent, false).trunk();
        } // the model re-attached its parameters; what is left in tmp (dropped buffers) is freed
    }

    /** Loads a reward/value model saved by {@link #saveScalarHead} (HF *ForSequenceClassification, num_labels 1). */
    public static ScalarHeadModel loadScalarHead(Path dir, NDManager parent) {
        try (NDManager tmp = parent.newSubManager()) {
            Loaded l = build(dir, tmp, parent, true);
            return new ScalarHeadModel(l.trunk(), l.head());
        }
    }

    /**
     * Checks the model in {@code dir} without loading its weights: config.json, each weight file's
     * header, and the tensor names and shapes against the config (a score head is allowed), so a
     * broken checkpoint fails in a second instead of after a long step that precedes loading it.
     */
    public static ModelConfig check(Path dir) {
        ModelConfig config = readConfig(dir);
        try {
            Map<String, ai.djl.ndarray.types.Shape> shapes = new LinkedHashMap<>();
            List<Path> files = weightFiles(dir);
            for (Path f : files) shapes.putAll(Safetensors.shapes(f));
            String source = files.size() == 1 ? files.get(0).toString() : dir.resolve(INDEX).toString();
            shapes.remove(ScalarHeadModel.HEAD);
            Parameters.validateShapes(config, normalizeNames(config, shapes), source);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights in " + dir + ": " + e.getMessage(), e);
        }
    }

    private record Loaded(CausalLm trunk, NDArray head) {}

    private static Loaded build(Path dir, NDManager tmp, NDManager parent, boolean withHead) {
        ModelConfig config = readConfig(dir);
        try {
            Map<String, NDArray> raw = new LinkedHashMap<>();
            List<Path> files = weightFiles(dir);
            for (Path f : files) raw.putAll(Safetensors.read(f, tmp));
            String source = files.size() == 1 ? files.get(0).toString() : dir.resolve(INDEX).toString();
            NDArray head = raw.remove(ScalarHeadModel.HEAD);
            if (withHead && head == null) throw new IllegalArgumentException(source + ": missing tensor " + ScalarHeadModel.HEAD);
            if (!withHead && head != null) {
                throw new IllegalArgumentException(source + ": has " + ScalarHeadModel.HEAD + " (a reward/value model): use loadScalarHead");
            }
            Map<String, NDArray> params = normalizeNames(config, raw);
            Parameters.validate(config, params, source);
            CausalLm trunk = switch (config) {
                case LlamaConfig c -> new LlamaModel(c, params, parent);
                case Gpt2Config c -> new Gpt2Model(c, params, parent);
            };
            return new Loaded(trunk, head);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Saves as float32. */
    public static void save(CausalLm model, Path dir) {
        save(model, dir, Safetensors.WriteType.F32);
    }

    public static void save(CausalLm model, Path dir, Safetensors.WriteType type) {
        save(model, dir, type, DEFAULT_MAX_SHARD_BYTES);
    }

    /**
     * Saves with weights over {@code maxShardBytes} split, as transformers' save_pretrained does, into
     * {@code model-0000i-of-0000n.safetensors} files listed in {@code model.safetensors.index.json}.
     */
    public static void save(CausalLm model, Path dir, Safetensors.WriteType type, long maxShardBytes) {
        write(model.config(), model.parameters(), dir, type, null, maxShardBytes);
    }

    /**
     * Saves trunk + score head so HF's *ForSequenceClassification (num_labels 1) can load it, with
     * {@code padTokenId} as its pad_token_id: the token HF's pooling skips from the end (see
     * {@link ScalarHeadModel#scores(NDArray, NDArray, int)}); it must be the pad id the model was
     * trained with. Negative: none written.
     */
    public static void saveScalarHead(ScalarHeadModel model, Path dir, int padTokenId) {
        write(model.trunk().config(), model.parameters(), dir, Safetensors.WriteType.F32, padTokenId, DEFAULT_MAX_SHARD_BYTES);
    }

    /** {@code scalarHeadPad}: null for a language model, else the reward model's pad id (-1: none). */
    private static void write(ModelConfig mc, Map<String, NDArray> params, Path dir, Safetensors.WriteType type,
                              Integer scalarHeadPad, long maxShardBytes) {
        boolean scalarHead = scalarHeadPad != null;
        try {
            Files.createDirectories(dir);
            ObjectNode config = HfConfig.toJson(mc);
            if (type == Safetensors.WriteType.BF16) {
                config.put("torch_dtype", "bfloat16");
                config.put("dtype", "bfloat16");
            }
            if (scalarHead) {
                String arch = config.path("architectures").path(0).asText().replaceAll("(ForCausalLM|LMHeadModel)$", "")
                        + "ForSequenceClassification";
                config.putArray("architectures").add(arch);
                config.put("num_labels", 1);
                config.putObject("id2label").put("0", "LABEL_0");
                config.putObject("label2id").put("LABEL_0", 0);
                if (scalarHeadPad >= 0) config.put("pad_token_id", scalarHeadPad);
            }
            HfConfig.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), config);
            ObjectNode gen = HfConfig.JSON.createObjectNode();
            if (mc.bosTokenId() >= 0) gen.put("bos_token_id", mc.bosTokenId());
            if (mc.eosTokenId() >= 0) gen.put("eos_token_id", mc.eosTokenId());
            HfConfig.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(GENERATION_CONFIG).toFile(), gen);
            writeWeights(params, dir, type, maxShardBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir, e);
        }
    }

    /**
     * One file, or shards filled in parameter order up to {@code maxShardBytes} each (a tensor larger
     * than the limit gets a shard of its own) plus the index transformers reads. Weights of an earlier
     * save in the other layout are deleted first: a stale index would shadow a new single file.
     */
    private static void writeWeights(Map<String, NDArray> params, Path dir, Safetensors.WriteType type, long maxShardBytes)
            throws IOException {
        if (maxShardBytes <= 0) throw new IllegalArgumentException("maxShardBytes must be > 0, got " + maxShardBytes);
        int width = type == Safetensors.WriteType.F32 ? 4 : 2;
        List<Map<String, NDArray>> shards = new ArrayList<>();
        long total = 0, current = 0;
        for (var e : params.entrySet()) {
            long bytes = e.getValue().size() * width;
            if (shards.isEmpty() || (current > 0 && current + bytes > maxShardBytes)) {
                shards.add(new LinkedHashMap<>());
                current = 0;
            }
            shards.get(shards.size() - 1).put(e.getKey(), e.getValue());
            current += bytes;
            total += bytes;
        }
        Files.deleteIfExists(dir.resolve(INDEX));
        Files.deleteIfExists(dir.resolve(WEIGHTS));
        try (var old = Files.newDirectoryStream(dir, "model-*-of-*.safetensors")) {
            for (Path p : old) Files.delete(p);
        }
        if (shards.size() == 1) {
            Safetensors.write(dir.resolve(WEIGHTS), shards.get(0), type);
            return;
        }
        ObjectNode index = HfConfig.JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            Safetensors.write(dir.resolve(name), shards.get(i), type);
            for (String tensor : shards.get(i).keySet()) weightMap.put(tensor, name);
        }
        HfConfig.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INDEX).toFile(), index);
    }

    /**
     * Sampling defaults from generation_config.json (do_sample, temperature, top_k, top_p,
     * max_new_tokens, and eos_token_id, one id or a list, as stop ids); greedy with
     * {@code fallbackMaxNewTokens} where absent.
     */
    public static SamplingConfig samplingDefaults(Path dir, int fallbackMaxNewTokens) {
        Path file = dir.resolve(GENERATION_CONFIG);
        SamplingConfig cfg = SamplingConfig.greedy(fallbackMaxNewTokens);
        if (!Files.isRegularFile(file)) return cfg;
        try {
            JsonNode n = HfConfig.JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) throw new IllegalArgumentException(file + ": not a JSON object");
            int maxNew = n.path("max_new_tokens").asInt(fallbackMaxNewTokens);
            Set<Integer> stopIds = new LinkedHashSet<>();
            JsonNode eos = n.path("eos_token_id");
            if (eos.isArray()) eos.forEach(id -> stopIds.add(id.asInt()));
            else if (eos.isIntegralNumber()) stopIds.add(eos.asInt());
            else if (!eos.isMissingNode() && !eos.isNull()) {
                throw new IllegalArgumentException(file + ": field \"eos_token_id\" must be an id or a list of ids, got " + eos);
            }
            if (!n.path("do_sample").asBoolean(false)) return SamplingConfig.greedy(maxNew).withStopIds(stopIds);
            double temperature = n.path("temperature").asDouble(1.0);
            if (temperature <= 0) throw new IllegalArgumentException(file + ": do_sample with temperature " + temperature);
            return SamplingConfig.sampling(maxNew, temperature, 0)
                    .withTopK(n.path("top_k").asInt(50)).withTopP(n.path("top_p").asDouble(1.0)).withStopIds(stopIds);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot parse JSON", e);
        }
    }

    private static List<Path> weightFiles(Path dir) throws IOException {
        Path single = dir.resolve(WEIGHTS), index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode map = HfConfig.JSON.readTree(index.toFile()).path("weight_map");
            if (!map.isObject() || map.isEmpty()) throw new IllegalArgumentException(index + ": missing field \"weight_map\"");
            Set<String> names = new LinkedHashSet<>();
            map.elements().forEachRemaining(v -> names.add(v.asText()));
            List<Path> files = names.stream().map(dir::resolve).toList();
            for (Path f : files) if (!Files.isRegularFile(f)) throw new IllegalArgumentException(index + ": shard " + f + " not found");
            return files;
        }
        if (Files.isRegularFile(single)) return List.of(single);
        throw new IllegalArgumentException(dir + ": neither " + WEIGHTS + " nor " + INDEX + " found");
    }

    /**
     * Maps checkpoint names onto ours: original GPT-2 files lack the "transformer." prefix and
     * carry non-parameter buffers (attn.bias causal masks, rotary inv_freq); a tied lm_head may be
     * stored redundantly. Those are dropped; anything else unexpected fails validation.
     */
    private static <T> Map<String, T> normalizeNames(ModelConfig config, Map<String, T> raw) {
        Map<String, T> out = new LinkedHashMap<>();
        boolean tied = switch (config) {
            case LlamaConfig c -> c.tieWordEmbeddings();
            case Gpt2Config c -> true;
        };
        for (var e : raw.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("rotary_emb.inv_freq") || name.endsWith(".attn.masked_bias")) continue;
            if (tied && name.equals("lm_head.weight")) continue;
            if (config instanceof Gpt2Config) {
                if (!name.startsWith("transformer.")) name = "transformer." + name;
                if (name.matches("transformer\\.h\\.\\d+\\.attn\\.bias")) continue; // causal mask buffer
            }
            out.put(name, e.getValue());
        }
        return out;
    }
}
