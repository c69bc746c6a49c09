package io.rlhf4j.cli;

import io.rlhf4j.train.lineage.Lineage;
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
 * trainer wrote beside it: the chain of runs (oldest first) with algorithm, base model, datasets
 * and their hashes, judgments, annotators and guideline versions; {@code --ids} lists every judgment id.
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
        out.printf("%s was shaped by %d human judgments over %d training run%s:%n", dir, judgments.size(), chain.size(),
                chain.size() == 1 ? "" : "s");
        int i = 1;
        for (Lineage l : chain) {
            out.printf("%n%d. %s (seed %d, git %s, %s -> %s)%n", i++, l.algorithm(), l.seed(),
                    l.gitCommit() == null ? "?" : l.gitCommit().substring(0, Math.min(12, l.gitCommit().length())),
                    l.startedAt(), l.finishedAt() == null ? "checkpoint" : l.finishedAt());
            out.printf("   base model: %s%n", l.baseModel() == null ? "none (from scratch)"
                    : l.baseModel().path() + (l.baseModel().configSha256() == null ? "" : " (sha256 " + shortHash(l.baseModel().configSha256()) + ")"));
            for (Lineage.DatasetRef d : l.datasets()) {
                out.printf("   data: %s, %d records, sha256 %s%n", d.path(), d.records(), shortHash(d.sha256()));
            }
            out.printf("   judgments: %d (sha256 %s)%s%n", l.judgments().count(), shortHash(l.judgments().sha256()),
                    l.judgments().ids() == null ? ", ids not available (parent folder gone): count and hash only"
                            : preview(l.judgments().ids()));
            out.printf("   annotators: %d%s%n", l.annotators().count(),
                    l.annotators().ids() == null ? "" : preview(l.annotators().ids()));
            if (!l.guidelineVersions().isEmpty()) out.printf("   guideline versions: %s%n", String.join(", ", l.guidelineVersions()));
            if (l.config() != null) out.printf("   config: %s%n", l.config());
        }
        long unresolved = lineage.unresolvedAncestors();
        if (unresolved > 0) out.printf("%n%d run(s) known by count and hash only; their folders hold the ids.%n", unresolved);
        out.printf("%nAll judgment ids: ./rlhf4j lineage --ids %s%n", dir);
        return 0;
    }

    private static String shortHash(String h) {
        return h == null ? "?" : h.substring(0, Math.min(16, h.length()));
    }

    private static String preview(List<String> ids) {
        if (ids.isEmpty()) return "";
        List<String> head = ids.subList(0, Math.min(5, ids.size()));
        return ": " + String.join(", ", head) + (ids.size() > head.size() ? ", ..." : "");
    }
}
