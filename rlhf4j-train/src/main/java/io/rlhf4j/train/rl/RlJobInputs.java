package io.rlhf4j.train.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.reward.PreferenceData;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.sft.SftData;
import io.rlhf4j.train.sft.TokenizedExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RlJob} reads besides prompts: the reference policy's folder (given, or inherited from
 * the policy's own run file so that round 2 stays anchored to SFT), held-out preference pairs for
 * validation, and demonstrations for PPO-ptx. Errors name the file and option.
 */
final class RlJobInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RlJobInputs() {}

    /** The reference's folder and how it was chosen (written to the run file). */
    record Reference(Path dir, String source) {}

    /**
     * {@code given} when set; else, when the policy was itself trained by {@code train ppo|grpo}, the
     * reference recorded in its {@value RlJob#RUN_FILE} (the SFT policy of round 1); else the policy
     * folder itself: the starting policy is the reference.
     */
    static Reference reference(Path given, Path policyDir) throws IOException {
        if (given != null) return new Reference(given, "given (--reference)");
        Path runFile = policyDir.resolve(RlJob.RUN_FILE);
        if (Files.isRegularFile(runFile)) {
            JsonNode ref = JSON.readTree(runFile.toFile()).path("reference");
            if (ref.isTextual()) {
                Path dir = Path.of(ref.asText());
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException(runFile + ": the policy's reference " + dir + " no longer exists; "
                            + "give the SFT policy with --reference");
                }
                return new Reference(dir, "inherited from " + runFile + " (the reference of the run that trained the policy)");
            }
        }
        return new Reference(policyDir, "the starting policy (--policy)");
    }

    /** Held-out preference pairs in a dataset format, encoded with the policy's tokenizer and chat template. */
    static List<PreferenceExample> preferencePairs(Path file, String format, Path policyDir, String template) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--validation-pairs " + file + ": no such file");
        Tokenizer tok = openTokenizer(policyDir, "--validation-pairs");
        try (DatasetReader reader = Formats.open(DatasetFormat.parse(format), file)) {
            List<PreferenceExample> pairs = new PreferenceData(ChatTemplate.byName(template, tok)).addAll(reader).examples();
            if (pairs.isEmpty()) throw new IllegalArgumentException("--validation-pairs " + file + ": no pairwise or ranking judgments");
            return List.copyOf(pairs);
        } finally {
            close(tok);
        }
    }

    /** Demonstrations (the dataset's demonstrations, else its chosen responses) for PPO-ptx, with response-only loss. */
    static List<TokenizedExample> demonstrations(Path file, String format, Path policyDir, String template) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--ptx-data " + file + ": no such file");
        Tokenizer tok = openTokenizer(policyDir, "--ptx-data");
        try (DatasetReader reader = Formats.open(DatasetFormat.parse(format), file)) {
            List<TokenizedExample> demos = SftData.encode(SftData.conversations(reader, true), ChatTemplate.byName(template, tok));
            if (demos.isEmpty()) throw new IllegalArgumentException("--ptx-data " + file + ": no demonstrations or chosen responses");
            return demos;
        } finally {
            close(tok);
        }
    }

    /** Some tokenizers hold native memory (the HF one): free it. */
    static void close(Tokenizer tok) {
        if (tok instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a tokenizer", e);
            }
        }
    }

    private static Tokenizer openTokenizer(Path policyDir, String option) {
        try {
            return Tokenizers.open(policyDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + " needs the policy's tokenizer, but " + policyDir + " has none that loads ("
                    + e.getMessage() + ")");
        }
    }
}
