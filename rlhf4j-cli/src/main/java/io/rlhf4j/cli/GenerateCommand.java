package io.rlhf4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.train.data.PromptFile;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j generate}: text from a language model (HF directory or llama2.c .bin), for prompts
 * on the command line or in a file. Without {@code --out} the text goes to stdout as it is generated;
 * with it, one JSON line per completion (prompt, completion, token counts, stop reason) is written as
 * each batch finishes, with a progress bar on stderr.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a model for prompts given on the command line or in a file.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Hugging Face model directory or llama2.c .bin.")
    Path model;

    @Option(names = "--tokenizer", description = "Tokenizer (tokenizer.json, directory or tok*.bin). Default: the model's.")
    Path tokenizer;

    @ArgGroup(multiplicity = "1")
    PromptSource prompts;

    static final class PromptSource {
        @Option(names = "--prompt", description = "A prompt (repeatable).")
        List<String> texts;

        @Option(names = "--prompts", paramLabel = "FILE",
                description = "Prompts, one per line: plain text, or JSONL with \"prompt\" (text or messages) or \"prompt_ids\".")
        Path file;
    }

    @Option(names = "--template", defaultValue = "none",
            description = "none (BOS + the text, for base models), or a chat template: auto, chatml, role, plain. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 is greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (1: off). Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens (0: off). Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--samples", defaultValue = "1", description = "Completions per prompt. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--batch-size", defaultValue = "8", description = "Sequences generated together. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.jsonl", description = "Write JSONL here instead of text to stdout.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens must be >= 1");
        if (samples < 1 || batchSize < 1) throw new IllegalArgumentException("--samples and --batch-size must be >= 1");
        SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, true, List.of());
        try (ModelFiles files = ModelFiles.open(model, tokenizer)) {
            List<int[]> ids = encodePrompts(files);
            Set<Integer> stops = template.equalsIgnoreCase("none") ? Set.of()
                    : ChatTemplate.byName(template, files.tokenizer()).stopIds();
            sampling = sampling.withStopIds(stops);
            try (NDManager manager = NDManager.newBaseManager(); CausalLm lm = files.load(manager)) {
                checkLengths(ids, lm.config().maxPositions());
                Generator generator = new Generator(lm, files.tokenizer());
                if (out == null) toStdout(generator, files, ids, sampling);
                else toJsonl(generator, files, ids, sampling);
            }
        }
        return 0;
    }

    private List<int[]> encodePrompts(ModelFiles files) throws Exception {
        if (prompts.file != null) return PromptFile.read(prompts.file, files.tokenizerPath(), template).ids();
        List<int[]> ids = new ArrayList<>();
        for (String text : prompts.texts) {
            ids.add(template.equalsIgnoreCase("none") ? files.tokenizer().encodeWithBos(text)
                    : ChatTemplate.byName(template, files.tokenizer()).encodePrompt(Conversation.ofUser(text)));
        }
        return ids;
    }

    private void checkLengths(List<int[]> ids, int context) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).length + maxNewTokens > context) {
                throw new IllegalArgumentException("prompt " + (i + 1) + ": " + ids.get(i).length + " tokens + --max-new-tokens "
                        + maxNewTokens + " exceed the model's context of " + context + " positions");
            }
        }
    }

    /** Prompt and completion as text, the completion printed token by token when sequences run one at a time. */
    private void toStdout(Generator generator, ModelFiles files, List<int[]> ids, SamplingConfig sampling) {
        PrintWriter w = spec.commandLine().getOut();
        int n = 0;
        for (int p = 0; p < ids.size(); p++) {
            for (int s = 0; s < samples; s++, n++) {
                if (n > 0) w.println();
                w.print(promptText(files, ids.get(p), p));
                List<Integer> tokens = new ArrayList<>();
                int[] printed = {0};
                generator.generate(List.of(ids.get(p)), sampling.withSeed(seed + n), (row, token) -> {
                    tokens.add(token);
                    String text = files.tokenizer().decode(tokens.stream().mapToInt(Integer::intValue).toArray());
                    // a byte-fallback token may end inside a character: print only what decodes for good
                    int upTo = text.endsWith("\uFFFD") ? text.length() - 1 : text.length();
                    if (upTo > printed[0]) {
                        w.print(text.substring(printed[0], upTo));
                        w.flush();
                        printed[0] = upTo;
                    }
                });
                String text = files.tokenizer().decode(tokens.stream().mapToInt(Integer::intValue).toArray());
                if (text.length() > printed[0]) w.print(text.substring(printed[0]));
                w.println();
                w.flush();
            }
        }
    }

    private String promptText(ModelFiles files, int[] ids, int index) {
        return prompts.texts != null && template.equalsIgnoreCase("none") ? prompts.texts.get(index) : files.tokenizer().decode(ids);
    }

    private void toJsonl(Generator generator, ModelFiles files, List<int[]> ids, SamplingConfig sampling) throws Exception {
        List<int[]> all = new ArrayList<>();
        List<Integer> promptOf = new ArrayList<>();
        for (int p = 0; p < ids.size(); p++) {
            for (int s = 0; s < samples; s++) {
                all.add(ids.get(p));
                promptOf.add(p);
            }
        }
        try (JsonlOut sink = new JsonlOut(out);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("generate").setInitialMax(all.size())
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" seqs", 1).showSpeed().build()) {
            long tokens = 0;
            for (int from = 0; from < all.size(); from += batchSize) {
                int to = Math.min(all.size(), from + batchSize);
                GenerationResult r = generator.generate(all.subList(from, to), sampling.withSeed(seed + from));
                for (int i = from; i < to; i++) {
                    GenerationResult.Sequence seq = r.get(i - from);
                    int p = promptOf.get(i);
                    ObjectNode line = JsonlOut.JSON.createObjectNode();
                    line.put("prompt_index", p);
                    line.put("sample", i - p * samples);
                    line.put("prompt", promptText(files, seq.prompt(), p));
                    line.put("completion", seq.text(files.tokenizer()));
                    line.put("prompt_tokens", seq.prompt().length);
                    line.put("completion_tokens", seq.tokens().length);
                    line.put("stop_reason", seq.stopReason().name().toLowerCase(java.util.Locale.ROOT));
                    sink.write(line);
                    tokens += seq.tokens().length;
                }
                bar.stepTo(to);
                bar.setExtraMessage(" " + tokens + " tokens");
            }
            sink.complete();
        }
        spec.commandLine().getOut().printf("%d completions for %d prompts -> %s%n", all.size(), ids.size(), out);
    }
}
