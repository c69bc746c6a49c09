package io.rlhf4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.train.data.PromptFile;
import io.rlhf4j.train.reward.RewardModelScorer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j score}: a saved reward model over prompt/response pairs. Each input line is
 * {@code {"prompt": text or messages, "response": text}} (or {@code "completion"}), or a preference
 * pair {@code {"prompt", "chosen", "rejected"}}; each output line is the input with {@code "score"}
 * (or {@code "score_chosen"}, {@code "score_rejected"}) added: the reward the model gives, minus its
 * normalisation offset, as PPO sees it. Pairs also get an accuracy line at the end.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score prompt/response pairs (JSONL) with a reward model saved by 'train reward'.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A reward model directory written by 'train reward'.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "JSONL: {\"prompt\", \"response\"} or {\"prompt\", \"chosen\", \"rejected\"} per line.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "The scored lines.")
    Path out;

    @Option(names = "--template", defaultValue = "auto",
            description = "The chat template the reward model was trained with: auto, chatml, role, plain. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--batch-size", defaultValue = "16", description = "Lines scored together. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Spec
    CommandSpec spec;

    /** One input line: its JSON, and the (prompt, response) sequences to score for it, in output-field order. */
    private record Line(ObjectNode json, List<String> fields, List<int[]> prompts, List<int[]> responses) {}

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model) || !TrainRewardCommand.isRewardModel(model)) {
            throw new IllegalArgumentException("--model " + model + ": not a reward model directory written by 'train reward'");
        }
        if (!Files.isRegularFile(data)) throw new IllegalArgumentException("--data " + data + ": no such file");
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1");
        Tokenizer tok = Tokenizers.open(model);
        ChatTemplate chat = ChatTemplate.byName(template, tok);
        List<Line> lines = read(chat); // all parsed and encoded first: a bad line fails before the model loads
        long pairs = 0, correct = 0;
        try (NDManager manager = NDManager.newBaseManager();
             RewardModelScorer scorer = RewardModelScorer.load(model, manager);
             JsonlOut sink = new JsonlOut(out);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("score").setInitialMax(lines.size())
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" lines", 1).showSpeed().build()) {
            int vocab = scorer.model().trunk().config().vocabSize();
            if (vocab != tok.vocabSize()) {
                throw new IllegalArgumentException(model + ": the model has " + vocab + " token embeddings, its tokenizer "
                        + tok.vocabSize() + " tokens");
            }
            for (int from = 0; from < lines.size(); from += batchSize) {
                List<Line> batch = lines.subList(from, Math.min(lines.size(), from + batchSize));
                List<int[]> ps = new ArrayList<>(), rs = new ArrayList<>();
                for (Line l : batch) {
                    ps.addAll(l.prompts());
                    rs.addAll(l.responses());
                }
                double[] scores = scorer.score(ps, rs);
                int k = 0;
                for (Line l : batch) {
                    for (String field : l.fields()) l.json().put(field, scores[k++]);
                    if (l.fields().size() == 2) {
                        pairs++;
                        if (l.json().get("score_chosen").asDouble() > l.json().get("score_rejected").asDouble()) correct++;
                    }
                    sink.write(l.json());
                }
                bar.stepTo(from + batch.size());
            }
            sink.complete();
        } finally {
            if (tok instanceof AutoCloseable c) c.close();
        }
        var o = spec.commandLine().getOut();
        o.printf("scored %d lines -> %s%n", lines.size(), out);
        if (pairs > 0) o.printf("pairs: chosen scored higher in %d of %d (accuracy %.4f)%n", correct, pairs, (double) correct / pairs);
        return 0;
    }

    private List<Line> read(ChatTemplate chat) throws Exception {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String text;
            for (int n = 1; (text = r.readLine()) != null; n++) {
                if (n == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                String where = data + ":" + n;
                JsonNode node;
                try {
                    node = JsonlOut.JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": broken JSON (" + e.getOriginalMessage() + ")");
                }
                if (!(node instanceof ObjectNode json)) throw new IllegalArgumentException(where + ": expected a JSON object");
                Conversation conversation = prompt(json.get("prompt"), where);
                int[] prompt = chat.encodePrompt(conversation);
                List<String> fields = new ArrayList<>();
                List<String> replies = new ArrayList<>();
                if (json.has("chosen") || json.has("rejected")) {
                    fields.addAll(List.of("score_chosen", "score_rejected"));
                    replies.add(text(json, "chosen", where));
                    replies.add(text(json, "rejected", where));
                } else {
                    fields.add("score");
                    replies.add(text(json, json.has("completion") ? "completion" : "response", where));
                }
                List<int[]> ps = new ArrayList<>(), rs = new ArrayList<>();
                for (String reply : replies) {
                    ps.add(prompt);
                    rs.add(chat.encodeReply(conversation, prompt, reply));
                }
                lines.add(new Line(json, fields, ps, rs));
            }
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("--data " + data + ": no lines to score");
        return lines;
    }

    private static Conversation prompt(JsonNode p, String where) {
        if (p != null && p.isTextual()) return Conversation.ofUser(p.asText());
        if (p != null && p.isArray() && !p.isEmpty()) return PromptFile.conversation(p, where);
        throw new IllegalArgumentException(where + ": field \"prompt\": expected a string or a list of messages");
    }

    private static String text(ObjectNode json, String field, String where) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(where + ": field \"" + field + "\": expected a string");
        return v.asText();
    }
}
