package io.rlhf4j.train.lineage;

import java.util.ArrayList;
import java.util.List;

/**
 * A lineage as a tree of text lines: the run, what it consumed and from which data, and below it
 * the models it started from (base model; for RL the reward model and reference), each with its own
 * run when its lineage is known. For {@code ./rlhf4j lineage}.
 */
public final class LineageTree {
    private final List<String> lines = new ArrayList<>();
    private final boolean withConfig;

    /** One branch: its text, and the run below it (null when its lineage is unknown or it has none). */
    private record Branch(String label, Lineage below) {}

    private LineageTree(boolean withConfig) {
        this.withConfig = withConfig;
    }

    /** The tree of {@code lineage}; {@code withConfig} adds each run's full config. */
    public static List<String> of(Lineage lineage, boolean withConfig) {
        LineageTree t = new LineageTree(withConfig);
        t.run(lineage, "", "");
        return t.lines;
    }

    private void run(Lineage l, String head, String indent) {
        lines.add(head + headline(l));
        List<Branch> branches = branches(l);
        for (int i = 0; i < branches.size(); i++) {
            boolean last = i == branches.size() - 1;
            lines.add(indent + (last ? "└─ " : "├─ ") + branches.get(i).label());
            String deeper = indent + (last ? "   " : "│  ");
            if (branches.get(i).below() != null) run(branches.get(i).below(), deeper + "└─ ", deeper + "   ");
        }
    }

    private List<Branch> branches(Lineage l) {
        List<Branch> b = new ArrayList<>();
        b.add(new Branch("judgments: " + l.judgments().count() + " (sha256 " + shortHash(l.judgments().sha256()) + ")"
                + (l.judgments().ids() == null ? ", ids only in the model's own folder" : preview(l.judgments().ids())), null));
        if (l.consumption() != null) b.add(new Branch("consumed: " + l.consumption().describe(), null));
        if (l.annotators().count() > 0) {
            b.add(new Branch("annotators: " + l.annotators().count()
                    + (l.annotators().ids() == null ? "" : preview(l.annotators().ids())), null));
        }
        for (Lineage.DatasetRef d : l.datasets()) {
            b.add(new Branch("data: " + d.path() + ", " + d.records() + " records, sha256 " + shortHash(d.sha256()), null));
        }
        if (!l.guidelineVersions().isEmpty()) b.add(new Branch("guideline versions: " + String.join(", ", l.guidelineVersions()), null));
        if (withConfig && l.config() != null) b.add(new Branch("config: " + l.config(), null));
        if (l.rewardModel() != null) b.add(new Branch("reward model: " + l.rewardModel().describe(), l.rewardModelLineage()));
        if (l.reference() != null) b.add(new Branch("reference: " + l.reference().describe(), null));
        b.add(new Branch("base model: " + (l.baseModel() == null ? "none (trained from scratch)" : l.baseModel().describe()),
                l.parent()));
        return b;
    }

    private static String headline(Lineage l) {
        String git = l.gitCommit() == null ? "?" : l.gitCommit().substring(0, Math.min(12, l.gitCommit().length()));
        String when = (l.startedAt() == null ? "?" : l.startedAt()) + " -> " + (l.finishedAt() == null ? "checkpoint" : l.finishedAt());
        String wall = l.wallSeconds() == null ? "" : String.format(", wall %.1f s", l.wallSeconds());
        return l.algorithm() + " (seed " + l.seed() + ", git " + git + ", " + when + wall + ")";
    }

    static String shortHash(String h) {
        return h == null ? "?" : h.substring(0, Math.min(16, h.length()));
    }

    private static String preview(List<String> ids) {
        if (ids.isEmpty()) return "";
        List<String> head = ids.subList(0, Math.min(3, ids.size()));
        return ": " + String.join(", ", head) + (ids.size() > head.size() ? ", ..." : "");
    }
}
