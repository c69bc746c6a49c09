package io.rlhf4j.train.bench;

import java.nio.file.Path;

/**
 * Runs the bench without the CLI: {@code java -cp ... io.rlhf4j.train.bench.BenchMain [--quick] [out.json]}.
 * Progress lines go to stderr; the CLI's {@code ./rlhf4j bench} does the same through picocli.
 */
public final class BenchMain {
    private BenchMain() { }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("bench.json");
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else out = Path.of(a);
        }
        BenchOptions options = quick ? BenchOptions.quick() : BenchOptions.full();
        Bench.Report report = Bench.run(options, Gpt2BenchLm.factory(options.promptLength() + options.newTokens()),
                System.err::println);
        Bench.write(report, out);
        System.err.println("wrote " + out.toAbsolutePath());
    }
}
