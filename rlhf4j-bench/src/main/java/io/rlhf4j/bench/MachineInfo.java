package io.rlhf4j.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** What the figures were measured on: without this, a bench number means nothing. */
public record MachineInfo(
        int cores,
        long maxHeapBytes,
        String os,
        String cpu,
        String jdk,
        String djlVersion,
        String engine,
        String engineVersion,
        int torchIntraOpThreads,
        int torchInterOpThreads,
        String loadAverage) {

    public static MachineInfo current() {
        Engine engine = Engine.getInstance();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), System.getProperty("java.vm.name") + " " + Runtime.version(), Engine.getDjlVersion(),
                engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                currentLoadAverage());
    }

    /**
     * /proc/loadavg at the start of the run: on a shared machine, other processes' load is the
     * biggest source of error in these figures, so the report says how busy the machine was.
     */
    public static String currentLoadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
