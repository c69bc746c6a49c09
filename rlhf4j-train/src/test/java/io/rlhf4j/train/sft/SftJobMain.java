package io.rlhf4j.train.sft;

import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper, also run as a separate JVM so a test can {@code kill -9} it: fine-tunes stories260K
 * on a few TRL messages, printing {@code checkpoint N} after each checkpoint. The same job runs in
 * the test's own JVM for the uninterrupted reference, so both sides train exactly the same thing.
 */
public final class SftJobMain {
    static final String[][] LESSONS = {
            {"Tell me about the cat.", "The cat sat on the mat."}, {"Who is Lily?", "Lily is a girl who likes to play."},
            {"What did Tom see?", "Tom saw a big red ball."}, {"Is the sun hot?", "Yes, the sun is very hot."},
            {"Where is the dog?", "The dog is in the park."}, {"What is blue?", "The sky is blue."}};

    private SftJobMain() { }

    /** args: data file (written if missing), out directory, max steps. */
    public static void main(String[] args) throws Exception {
        SftJob job = job(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), 5);
        job.run(List.of(new TrainingListener() {
            @Override public void onCheckpoint(long step, Path folder) {
                System.out.println("checkpoint " + step);
                System.out.flush();
            }
        }), s -> { }, null);
        System.out.println("done");
    }

    static SftJob job(Path data, Path out, long maxSteps, int saveSteps) throws Exception {
        if (!Files.exists(data)) writeLessons(data);
        SftConfig config = SftConfig.builder().maxSteps(maxSteps).batch(3, 1).learningRate(5e-3)
                .saveSteps(saveSteps).evalSteps(10).maxLength(64).build();
        return new SftJob(ModelSource.ofPath(stories260K()), null, data, "trl", data, 0, out, config, "auto", true);
    }

    static Path stories260K() {
        return SharedFiles.resolve("models/stories260K/stories260K.bin");
    }

    private static void writeLessons(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String[] p : LESSONS) {
            lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"" + p[0] + "\"},{\"role\":\"assistant\",\"content\":\""
                    + p[1] + "\"}]}");
        }
        Files.write(file, lines);
    }
}
