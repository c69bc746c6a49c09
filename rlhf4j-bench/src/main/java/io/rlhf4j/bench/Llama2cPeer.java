package io.rlhf4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama2.c's {@code run.c} as the peer the engine is measured against: compiled here from the
 * source file the caller gives (it is not part of this project), with {@code gcc -O3 -fopenmp}, and
 * run on the same checkpoint and thread count. run.c decodes one sequence at a time with a KV cache
 * and reports "achieved tok/s" itself, timed from its second token.
 */
public final class Llama2cPeer {
    /** What was run and what it measured: tokens/s of each repeat, and the text of the first (greedy). */
    public record Result(String source, String compile, int threads, int tokens, List<Double> tokensPerSecond,
                         double medianTokensPerSecond, String sample) { }

    private static final Pattern RATE = Pattern.compile("achieved tok/s: ([0-9.]+)");

    private Llama2cPeer() { }

    /**
     * Compiles {@code runC} into a temporary folder that also holds the {@code tokenizer.bin} run.c
     * reads from its working directory, then decodes {@code tokens} greedily from BOS
     * {@code repeats} times with {@code OMP_NUM_THREADS=threads}.
     */
    public static Result run(Path runC, Path model, Path tokenizerBin, int threads, int tokens, int repeats)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(runC)) throw new IllegalArgumentException("--llama2c " + runC + ": no such file (llama2.c's run.c)");
        Path work = Files.createTempDirectory("llama2c-bench");
        Path binary = work.resolve("run");
        List<String> compile = List.of("gcc", "-O3", "-fopenmp", "-o", binary.toString(), runC.toAbsolutePath().toString(), "-lm");
        Process cc = new ProcessBuilder(compile).redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) throw new IllegalStateException("gcc failed on " + runC + ":\n" + ccOut);
        Files.copy(tokenizerBin, work.resolve("tokenizer.bin"));
        List<Double> rates = new ArrayList<>();
        String sample = null;
        for (int i = 0; i < repeats; i++) {
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), model.toAbsolutePath().toString(), "-t", "0",
                    "-n", Integer.toString(tokens)).directory(work.toFile());
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("run.c failed: " + err);
            Matcher m = RATE.matcher(err);
            if (!m.find()) throw new IllegalStateException("run.c printed no tok/s: " + err);
            rates.add(Double.parseDouble(m.group(1)));
            if (sample == null) sample = out.strip();
        }
        List<Double> sorted = rates.stream().sorted().toList();
        return new Result(runC.toAbsolutePath().toString(), String.join(" ", compile), threads, tokens, rates,
                sorted.get(sorted.size() / 2), sample);
    }
}
