package io.rlhf4j.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the pipeline and writes what it found: {@code summary.json} and {@code report.html} in the output folder. */
public final class Demo {
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";

    private Demo() {}

    /** @param console progress bars and the closing summary; null for a silent run */
    public static DemoPipeline.Result run(DemoConfig config, Path out, PrintStream console) throws Exception {
        Files.createDirectories(out);
        DemoPipeline.Result result = new DemoPipeline(config, out, console).run();
        DemoSummary.write(DemoSummary.toJson(result), out.resolve(SUMMARY));
        HtmlReport.write(result, out.resolve(REPORT));
        if (console != null) {
            DemoSummary.print(result, console);
            console.println("wrote " + out.resolve(SUMMARY).toAbsolutePath() + " and " + out.resolve(REPORT).toAbsolutePath());
        }
        return result;
    }
}
