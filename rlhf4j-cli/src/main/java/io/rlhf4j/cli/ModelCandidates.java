package io.rlhf4j.cli;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.chat.RoleMarkerTemplate;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.platform.CandidateGenerator;
import io.rlhf4j.train.sft.ModelSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Candidates sampled from local checkpoints through the model engine: {@code serve --model PATH}
 * (repeatable). Candidate i of a prompt comes from model i mod n, so two models give one candidate
 * each per pair. The model name recorded in the provenance (kept from annotators, shown on the
 * leaderboard) is the checkpoint's file or directory name. One generation at a time: the models are
 * shared, and the server calls this from a single background worker or an admin request.
 */
final class ModelCandidates implements CandidateGenerator, AutoCloseable {
    private record Loaded(String name, Tokenizer tokenizer, ChatTemplate template, Generator generator) {}

    /** Tries per candidate to get a text not already among the prompt's candidates (ids are content hashes). */
    private static final int ATTEMPTS = 4;
    private final NDManager manager;
    private final List<Loaded> models;
    private final int maxNewTokens;
    private final double temperature;
    private long seed;

    private ModelCandidates(NDManager manager, List<Loaded> models, int maxNewTokens, double temperature, long seed) {
        this.manager = manager;
        this.models = models;
        this.maxNewTokens = maxNewTokens;
        this.temperature = temperature;
        this.seed = seed;
    }

    /** Loads each model (HF directory or llama2.c .bin) with the tokenizer beside it. */
    static ModelCandidates load(List<Path> paths, int maxNewTokens, double temperature, long seed) throws IOException {
        if (maxNewTokens < 1 || maxNewTokens > 4096) throw new IllegalArgumentException("--max-new-tokens must be in [1, 4096]");
        if (!(temperature > 0 && temperature <= 5)) throw new IllegalArgumentException("--temperature must be in (0, 5]");
        NDManager manager = NDManager.newBaseManager();
        List<Loaded> models = new ArrayList<>();
        try {
            for (Path path : paths) {
                Tokenizer tok = Tokenizers.open(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent());
                CausalLm lm = ModelSource.ofPath(path).load(manager, tok.vocabSize());
                ChatTemplate template;
                try {
                    template = RoleMarkerTemplate.withSpecialTokens(tok);
                } catch (RuntimeException noRoleTokens) {
                    template = RoleMarkerTemplate.plainText(tok);
                }
                String name = path.getFileName().toString().replaceFirst("\\.bin$", "");
                models.add(new Loaded(name, tok, template, new Generator(lm, tok)));
            }
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new ModelCandidates(manager, List.copyOf(models), maxNewTokens, temperature, seed);
    }

    @Override
    public synchronized List<Completion> generate(Prompt prompt, int count) {
        List<Completion> out = new ArrayList<>();
        Set<String> texts = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Loaded m = models.get(i % models.size());
            int[] ids = m.template().encodePrompt(prompt.conversation());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long s = seed++;
                SamplingConfig cfg = SamplingConfig.sampling(maxNewTokens, temperature, s).withStopIds(m.template().stopIds());
                String text = m.generator().generate(ids, cfg).get(0).text(m.tokenizer()).strip();
                if (text.isEmpty() || !texts.add(text)) continue;
                out.add(Completion.of(prompt.id(), text,
                        Provenance.model(m.name(), null, new SamplingSettings(temperature, null, null, maxNewTokens, s))));
                break;
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
