package io.rlhf4j.cli;

import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.lineage.LineageTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j lineage DIR}: which human judgments shaped this model, from the lineage.json a
 * trainer wrote beside it, as a tree: each run with what it consumed (judgments, pairs per epoch,
 * data by hash), and below it the models it started from (base model; for RL the reward model and
 * reference) by path and weights hash; {@code --ids} lists every judgment id.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Show what a trained model was trained from and which human judgments shaped it.")
public final class LineageCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A model or checkpoint directory with lineage.json.")
    Path dir;

    @Option(names = "--ids", description = "Print every judgment id (one per line) instead of the summary.")
    boolean ids;

    @Option(names = "--json", description = "Print lineage.json as stored (with id sidecars resolved).")
    boolean json;

    @Option(names = "--config", description = "Show each run's full trainer config in the tree.")
    boolean config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve(Lineage.FILE))) {
            throw new IllegalArgumentException(dir + ": no " + Lineage.FILE + " (not written by an rlhf4j trainer?)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Lineage lineage = Lineage.read(dir);
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(lineage));
            return 0;
        }
        Set<String> judgments = Lineage.judgmentsThatShaped(dir);
        if (ids) {
            judgments.forEach(out::println);
            return 0;
        }
        List<Lineage> chain = lineage.chain();
        out.printf("%s was shaped by %d human judgments over %d training run%s%s:%n%n", dir, judgments.size(), chain.size(),
                chain.size() == 1 ? "" : "s", lineage.rewardModel() == null ? "" : " (the reward model's judgments included)");
        LineageTree.of(lineage, config).forEach(out::println);
        long unresolved = lineage.unresolvedAncestors();
        if (unresolved > 0) out.printf("%n%d run(s) known by count and hash only; their folders hold the ids.%n", unresolved);
        out.printf("%nAll judgment ids: ./rlhf4j lineage --ids %s%n", dir);
        return 0;
    }
}
