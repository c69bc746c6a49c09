package io.rlhf4j.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Peak memory of each trainer as a user runs it: every {@code train} command in a process of its
 * own through the launcher, on the shared stories260K and hh-rlhf files at max-length 512, its
 * resident-set high-water mark (VmHWM, native libtorch memory included) read from /proc while it
 * runs. VmHWM only grows, so the last reading before the process exits is its peak.
 */
public final class TrainerMemory {
    public record Run(String trainer, List<String> command, @JsonProperty("exit_code") int exitCode,
                      @JsonProperty("peak_rss_mb") double peakRssMb, @JsonProperty("wall_seconds") double wallSeconds) { }

    public record Report(@JsonProperty("started_at") String startedAt, MachineInfo machine, List<Run> runs,
                         @JsonProperty("load_average_at_end") String loadAtEnd) { }

    private TrainerMemory() { }

    public static Report run(Path launcher, Path model, Path hhData, Path work, int steps, Consumer<String> progress)
            throws IOException, InterruptedException {
        String started = java.time.Instant.now().toString();
        MachineInfo machine = MachineInfo.current();
        Files.createDirectories(work);
        Path prompts = work.resolve("prompts.txt");
        Files.write(prompts, List.of("Once upon a time", "Tom had a red ball", "The cat sat in the sun", "Lily wanted to fly"));
        String m = model.toAbsolutePath().toString(), d = hhData.toAbsolutePath().toString(), n = Integer.toString(steps);
        Path rm = work.resolve("reward");
        List<List<String>> commands = List.of(
                List.of("train", "sft", "--model", m, "--data", d, "--format", "hh-rlhf", "--max-steps", n, "--max-length", "512",
                        "--out", work.resolve("sft").toString()),
                List.of("train", "reward", "--model", m, "--data", d, "--format", "hh-rlhf", "--max-steps", n, "--max-length", "512",
                        "--normalize-samples", "0", "--out", rm.toString()),
                List.of("train", "dpo", "--model", m, "--data", d, "--format", "hh-rlhf", "--max-steps", n, "--max-length", "512",
                        "--out", work.resolve("dpo").toString()),
                List.of("train", "ppo", "--policy", m, "--reward", rm.toString(), "--prompts", prompts.toString(), "--steps", n,
                        "--out", work.resolve("ppo").toString()),
                List.of("train", "grpo", "--policy", m, "--reward", rm.toString(), "--prompts", prompts.toString(), "--steps", n,
                        "--out", work.resolve("grpo").toString()));
        List<Run> runs = new ArrayList<>();
        for (List<String> args : commands) {
            Run r = measure(launcher, args, work.resolve(args.get(1) + ".log"));
            progress.accept(String.format("%s: peak %.0f MB, %.0f s, exit %d", r.trainer(), r.peakRssMb(), r.wallSeconds(), r.exitCode()));
            runs.add(r);
        }
        return new Report(started, machine, runs, MachineInfo.currentLoadAverage());
    }

    static Run measure(Path launcher, List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toAbsolutePath().toString());
        command.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peakKb = 0;
        while (p.isAlive()) {
            peakKb = Math.max(peakKb, highWaterMarkKb(status));
            Thread.sleep(100);
        }
        return new Run(args.get(1), args, p.waitFor(), peakKb / 1024.0, (System.nanoTime() - t0) / 1e9);
    }

    /** VmHWM of a live process in kB (0 once it is gone). The launcher execs java, so its pid is the JVM's. */
    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
