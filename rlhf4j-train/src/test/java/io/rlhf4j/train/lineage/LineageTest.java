package io.rlhf4j.train.lineage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineageTest {

    record FakeConfig(double lr, int steps) {}

    @Test
    void sftToRewardModelToPpoChainAnswersWhichJudgmentsShapedTheModel(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("prefs.jsonl"), "{\"a\":1}\n");
        Path sft = dir.resolve("sft"), rm = dir.resolve("rm"), ppo = dir.resolve("ppo");
        Files.createDirectories(sft);
        Files.writeString(sft.resolve("config.json"), "{\"model_type\":\"llama\"}");
        Lineage.start("sft", new FakeConfig(1e-3, 10), 1).finishedNow().write(sft);

        // the reward model has many judgments: they go to a sidecar, lineage.json keeps count + hash
        List<String> rmJudgments = IntStream.range(0, 1500).mapToObj(i -> "j" + i).toList();
        Lineage.start("reward-model", new FakeConfig(3e-3, 100), 7).withBaseModel(sft)
                .withDataset(Lineage.DatasetRef.of(data, 1500))
                .withJudgments(rmJudgments, List.of("ann-b", "ann-a", "ann-a"))
                .withGuidelineVersions(List.of("helpfulness-v2")).finishedNow().write(rm);
        Files.writeString(rm.resolve("config.json"), "{\"model_type\":\"llama\",\"num_labels\":1}");
        assertThat(Files.exists(rm.resolve("lineage_judgments.txt"))).isTrue();
        assertThat(Files.readString(rm.resolve(Lineage.FILE))).doesNotContain("\"j1499\"");

        Lineage.start("ppo", Map.of("kl", 0.05), 9).withBaseModel(rm).withJudgments(List.of("extra-1"), List.of("ann-c"))
                .finishedNow().write(ppo);

        Lineage back = Lineage.read(ppo);
        assertThat(back.algorithm()).isEqualTo("ppo");
        assertThat(back.parent().algorithm()).isEqualTo("reward-model");
        assertThat(back.parent().parent().algorithm()).isEqualTo("sft");
        assertThat(back.parent().baseModel().configSha256()).isEqualTo(Sha256.ofFile(sft.resolve("config.json")));
        assertThat(back.parent().datasets().get(0).sha256()).isEqualTo(Sha256.ofFile(data));
        assertThat(back.parent().judgments().count()).isEqualTo(1500);
        assertThat(back.parent().annotators().ids()).containsExactly("ann-a", "ann-b");
        assertThat(back.parent().guidelineVersions()).containsExactly("helpfulness-v2");
        assertThat(back.parent().config().path("lr").asDouble()).isEqualTo(3e-3);
        assertThat(back.seed()).isEqualTo(9);
        assertThat(back.startedAt()).isNotNull();
        assertThat(back.finishedAt()).isNotNull();

        List<String> expected = new ArrayList<>(new java.util.TreeSet<>(rmJudgments));
        expected.add("extra-1");
        assertThat(Lineage.judgmentsThatShaped(ppo)).containsExactlyElementsOf(expected);
        assertThat(Lineage.judgmentsThatShaped(rm)).hasSize(1500);
        assertThat(back.unresolvedAncestors()).isZero();
    }

    @Test
    void aMissingParentFolderLeavesOnlyCountAndHashAndAnEditedSidecarIsRejected(@TempDir Path dir) throws Exception {
        Path rm = dir.resolve("rm"), ppo = dir.resolve("ppo");
        List<String> many = IntStream.range(0, 1200).mapToObj(i -> "x" + i).toList();
        Lineage.start("reward-model", Map.of(), 1).withJudgments(many, List.of()).write(rm);
        Lineage.start("ppo", Map.of(), 1).withBaseModel(rm).withJudgments(List.of("p1"), List.of()).write(ppo);

        Files.writeString(rm.resolve("lineage_judgments.txt"), "tampered\n");
        assertThatThrownBy(() -> Lineage.read(rm)).hasMessageContaining("does not match the hash");

        Files.walk(rm).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Lineage back = Lineage.read(ppo);
        assertThat(back.parent().judgments().count()).isEqualTo(1200);
        assertThat(back.unresolvedAncestors()).isEqualTo(1);
        assertThat(Lineage.judgmentsThatShaped(ppo)).containsExactly("p1");
    }

    @Test
    void threeCheckpointsOfOneArchitectureHaveThreeWeightHashesButOneConfigHash(@TempDir Path dir) throws Exception {
        List<ModelRef> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path m = Files.createDirectories(dir.resolve("ckpt" + i));
            Files.writeString(m.resolve("config.json"), "{\"model_type\":\"llama\"}");
            Files.write(m.resolve("model.safetensors"), new byte[] {1, 2, (byte) i});
            refs.add(ModelRef.of(m));
        }
        assertThat(refs.stream().map(ModelRef::weightsSha256).distinct()).hasSize(3);
        assertThat(refs.stream().map(ModelRef::configSha256).distinct()).hasSize(1);
        // shards count in name order; a single-file checkpoint is its own hash
        Files.write(dir.resolve("ckpt0/model-00002-of-00002.safetensors"), new byte[] {9});
        assertThat(ModelRef.of(dir.resolve("ckpt0")).weightsSha256()).isNotEqualTo(refs.get(0).weightsSha256());
        Path bin = Files.write(dir.resolve("m.bin"), new byte[] {4, 5});
        assertThat(ModelRef.of(bin).weightsSha256()).isEqualTo(Sha256.ofFile(bin));
    }

    @Test
    void consumptionReplaysTheLoopsOrderAndCountsEachEpoch() {
        List<String> items = IntStream.range(0, 10).mapToObj(i -> "j" + i).toList();
        // 25 draws: two full epochs of 10 and 5 of the third
        Consumption.Replay r = Consumption.replay(items, x -> x, x -> 2, x -> "a-" + x.charAt(1), 7, true,
                new io.rlhf4j.train.data.DataCursor(2, 5));
        assertThat(r.consumption().items()).isEqualTo(25);
        assertThat(r.consumption().pairs()).isEqualTo(50);
        assertThat(r.consumption().epochs()).extracting(Consumption.Epoch::items).containsExactly(10L, 10L, 5L);
        assertThat(r.judgmentIds()).hasSize(10);
        // 7 draws of the first epoch: exactly the first 7 of its permutation
        io.rlhf4j.train.data.ShuffledOrder order = new io.rlhf4j.train.data.ShuffledOrder(10, 7, true,
                io.rlhf4j.train.data.DataCursor.start());
        List<String> expected = order.next(7).stream().map(items::get).toList();
        Consumption.Replay part = Consumption.replay(items, x -> x, x -> 1, x -> null, 7, true,
                new io.rlhf4j.train.data.DataCursor(0, 7));
        assertThat(part.judgmentIds()).containsExactlyElementsOf(expected);
        assertThat(part.consumption().describe()).isEqualTo("7 pairs over 0.70 epochs; 7 distinct judgments of 10 training items");
        assertThat(Lineage.start("dpo", Map.of(), 7).withJudgments(items, List.of()).withConsumption(part).judgments().count())
                .isEqualTo(7);
    }
}
