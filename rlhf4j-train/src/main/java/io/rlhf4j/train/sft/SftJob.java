package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainedModelFiles;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.checkpoint.CheckpointStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One SFT run from files to files, everything {@code ./rlhf4j train sft} does except drawing:
 * load model and tokenizer, read and encode the data, train (resuming from
 * {@code out/checkpoints/latest}), then write the model in HF layout with its tokenizer,
 * {@code training_log.jsonl} and {@code sft_run.json} (what was trained on what, for lineage).
 *
 * @param tokenizer    null: the model directory's, or the tok*.bin beside a llama2.c .bin
 * @param format       a dataset format name ({@code trl}, {@code rlhf4j}, {@code hh-rlhf}) or {@code text}
 *                     (pretraining: .txt paragraphs or JSONL {"text": ...})
 * @param evalData     null: hold out {@code evalFraction} of the training data
 * @param template     {@code auto}, {@code chatml}, {@code role} (special-token role markers) or {@code plain}
 */
public record SftJob(ModelSource model, Path tokenizer, Path data, String format, Path evalData, double evalFraction,
                     Path out, SftConfig config, String template, boolean includeChosen) {

    public static final String RUN_FILE = "sft_run.json";

    public record Outcome(TrainResult result, Path modelDir, int trainExamples, int evalExamples) { }

    /** Runs the job; {@code info} receives a few human-readable lines (counts, paths). */
    public Outcome run(List<TrainingListener> listeners, Consumer<String> info, SftTrainerHandle handle) throws IOException {
        Tokenizer tok = Tokenizers.open(tokenizerPath());
        try (NDManager manager = NDManager.newBaseManager(); CausalLm lm = model.load(manager, tok.vocabSize())) {
            int maxLength = Math.min(config.maxLength(), lm.config().maxPositions());
            SftConfig cfg = config.toBuilder().maxLength(maxLength).build();
            List<TokenizedExample> train = read(data, tok, maxLength);
            List<TokenizedExample> eval;
            if (evalData != null) {
                eval = read(evalData, tok, maxLength);
            } else {
                List<TokenizedExample> shuffled = new ArrayList<>(train);
                Collections.shuffle(shuffled, new Random(cfg.seed()));
                int held = (int) Math.floor(shuffled.size() * evalFraction);
                eval = List.copyOf(shuffled.subList(0, held));
                train = List.copyOf(shuffled.subList(held, shuffled.size()));
            }
            info.accept(String.format("model %s: %.2fM parameters, %d train / %d eval examples, max length %d",
                    lm.config().modelType(), lm.parameters().values().stream().mapToLong(a -> a.size()).sum() / 1e6,
                    train.size(), eval.size(), maxLength));
            Files.createDirectories(out);
            int pad = tok.batchPadId();
            SftTrainer trainer = new SftTrainer(cfg, lm.parameters(), lm::forward, pad);
            trainer.addListener(new MetricsLog(out.resolve(MetricsLog.TRAIN_FILE)));
            listeners.forEach(trainer::addListener);
            if (handle != null) handle.trainer = trainer;
            TrainResult result = trainer.train(train, eval,
                    new CheckpointStore(out.resolve("checkpoints"), Math.max(1, cfg.saveTotalLimit())));
            ModelIO.save(lm, out);
            TrainedModelFiles.copyTokenizer(tok, tokenizerPath(), out, maxLength);
            writeRunRecord(cfg, result, train.size(), eval.size());
            info.accept("wrote " + out.toAbsolutePath());
            return new Outcome(result, out, train.size(), eval.size());
        } finally {
            if (tok instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    /** Lets a caller (the CLI's Ctrl-C hook) stop the running trainer after its current step. */
    public static final class SftTrainerHandle {
        private volatile SftTrainer trainer;

        public void requestStop() {
            SftTrainer t = trainer;
            if (t != null) t.requestStop();
        }
    }

    Path tokenizerPath() {
        if (tokenizer != null) return tokenizer;
        return switch (model) {
            case ModelSource.HfDirectory h -> h.dir();
            case ModelSource.Llama2cBin b -> b.file().toAbsolutePath().getParent();
            case ModelSource.Fresh f -> throw new IllegalArgumentException("a fresh model (--init) needs --tokenizer");
        };
    }

    private List<TokenizedExample> read(Path file, Tokenizer tok, int maxLength) throws IOException {
        if (format.equalsIgnoreCase("text")) return SftData.packedText(TextDocuments.read(file), tok, maxLength);
        List<Conversation> conversations;
        try (DatasetReader reader = Formats.open(DatasetFormat.parse(format), file)) {
            conversations = SftData.conversations(reader, includeChosen);
        }
        if (conversations.isEmpty()) {
            throw new IllegalArgumentException(file + ": no demonstrations" + (includeChosen ? " or preferred completions" : ""));
        }
        return SftData.encode(conversations, chatTemplate(tok));
    }

    ChatTemplate chatTemplate(Tokenizer tok) {
        return ChatTemplate.byName(template, tok);
    }

    /** What {@value #RUN_FILE} holds: what was trained on what, with which settings, and how it ended. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunRecord(String trainer, String modelSource, String data, String format,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String evalData, int trainExamples, int evalExamples,
                            SftConfig config, TrainResult result) {}

    private void writeRunRecord(SftConfig cfg, TrainResult result, int trainCount, int evalCount) throws IOException {
        RunRecord run = new RunRecord("sft", model.toString(), data.toAbsolutePath().toString(), format,
                evalData == null ? null : evalData.toAbsolutePath().toString(), trainCount, evalCount, cfg, result);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(RUN_FILE).toFile(), run);
    }
}
