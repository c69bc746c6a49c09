package io.rlhf4j.cli;

import io.rlhf4j.demo.Demo;
import io.rlhf4j.demo.DemoConfig;
import io.rlhf4j.demo.RoutingComparison;
import io.rlhf4j.demo.StoriesConfig;
import io.rlhf4j.demo.StoriesDemo;
import io.rlhf4j.demo.StoriesPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./rlhf4j demo}: the whole RLHF loop on the built-in task world with a simulated panel (see rlhf4j-demo). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole RLHF loop on a built-in task world with a simulated annotator panel: SFT, panel labels "
                + "through the store, reward model, PPO (with DPO and best-of-n beside it), evaluation against a gold judge.",
                "Writes summary.json and report.html to --out."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A smaller run (a few minutes on 2 cores) instead of the default (under 20).")
    boolean quick;

    @Option(names = "--out", defaultValue = "demo-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", description = "Seed for the world, the panel and training (default: the configuration's).")
    Long seed;

    @Option(names = "--world", defaultValue = "tasks", description = "tasks (built-in task world) or stories (pretrained stories260K).")
    String world;

    @Option(names = "--experiment", description = "routing: at the same label budget, compare random assignment without QC, "
            + "expert routing, and routing + QC + reliability-weighted reward model.")
    String experiment;

    @Option(names = "--seeds", defaultValue = "2", description = "Seeds per arm of an experiment (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() throws Exception {
        // Tiny models are a stream of small ops: one intra-op thread beats two on a small machine.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        QuietStoreLogs.apply();
        if (world.equals("stories")) {
            if (experiment != null) throw new IllegalArgumentException("--experiment runs on the task world only, not --world stories");
            StoriesConfig stories = quick ? StoriesConfig.quick() : StoriesConfig.standard();
            if (seed != null) stories = stories.withSeed(seed);
            StoriesDemo.run(stories, out, StoriesPipeline.findModel(), System.out);
            return 0;
        }
        if (!world.equals("tasks")) throw new IllegalArgumentException("--world " + world + ": expected 'tasks' or 'stories'");
        DemoConfig config = quick ? DemoConfig.quick() : DemoConfig.standard();
        if (seed != null) config = config.withSeed(seed);
        if (experiment != null) {
            if (!experiment.equals("routing")) throw new IllegalArgumentException("--experiment " + experiment + ": expected 'routing'");
            RoutingComparison.run(config, seeds, out, System.out);
            return 0;
        }
        Demo.run(config, out, System.out);
        return 0;
    }
}
