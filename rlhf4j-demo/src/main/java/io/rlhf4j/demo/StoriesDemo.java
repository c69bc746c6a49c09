package io.rlhf4j.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --world stories}: runs {@link StoriesPipeline} and writes {@code summary.json} and {@code report.html}. */
public final class StoriesDemo {
    private StoriesDemo() {}

    /** @param console progress bars and the closing summary; null for a silent run */
    public static StoriesPipeline.Result run(StoriesConfig config, Path out, Path modelDir, PrintStream console) throws Exception {
        Files.createDirectories(out);
        StoriesPipeline.Result result = new StoriesPipeline(config, out, modelDir, console).run();
        DemoSummary.write(StoriesSummary.toJson(result), out.resolve(Demo.SUMMARY));
        StoriesReport.write(result, out.resolve(Demo.REPORT));
        if (console != null) {
            StoriesSummary.print(result, console);
            console.println("wrote " + out.resolve(Demo.SUMMARY).toAbsolutePath() + " and " + out.resolve(Demo.REPORT).toAbsolutePath());
        }
        return result;
    }
}
