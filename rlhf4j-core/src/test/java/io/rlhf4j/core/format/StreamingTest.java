package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers pull one line at a time: they see lines appended after opening, and heap does not grow with the file. */
class StreamingTest {
    private static String trlLine(int i, String padding) {
        return "{\"prompt\": \"question " + i + "\", \"chosen\": \"good " + padding + "\", \"rejected\": \"bad " + i + "\"}\n";
    }

    @Test
    void readerSeesLinesAppendedAfterItStarted(@TempDir Path dir) throws IOException {
        // An eager reader (read everything on open or first next()) would count only the first batch.
        Path file = dir.resolve("growing.jsonl");
        String padding = "x".repeat(1000);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 500; i++) first.append(trlLine(i, padding)); // ~0.5 MB, far beyond any read buffer
        Files.writeString(file, first, StandardCharsets.UTF_8);
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            assertThat(reader.next()).isNotNull();
            StringBuilder more = new StringBuilder();
            for (int i = 500; i < 1000; i++) more.append(trlLine(i, padding));
            Files.writeString(file, more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            int count = 1;
            DatasetEntry last = null;
            for (DatasetEntry e; (e = reader.next()) != null; count++) last = e;
            assertThat(count).isEqualTo(1000);
            assertThat(((DatasetItem) last).prompt().conversation().last().content()).isEqualTo("question 999");
            assertThat(reader.line()).isEqualTo(1000);
        }
    }

    @Test
    void heapStaysFlatWhileReadingAFileLargerThanItCouldHold(@TempDir Path dir) throws IOException {
        // 40,000 lines of ~2 KB = ~80 MB of JSON (~160 MB as Java strings, more as records): holding it all
        // would show as heap growth far above the 32 MB bound checked here.
        Path file = dir.resolve("big.jsonl.gz");
        String padding = "y".repeat(2000);
        long uncompressed = 0;
        try (var out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < 40_000; i++) {
                String line = trlLine(i, padding);
                uncompressed += line.length();
                out.write(line);
            }
        }
        assertThat(uncompressed).isGreaterThan(80_000_000L);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long peakRetained = 0;
        int count = 0;
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            for (DatasetEntry e; (e = reader.next()) != null; ) {
                if (++count % 10_000 == 0) {
                    System.gc();
                    peakRetained = Math.max(peakRetained, memory.getHeapMemoryUsage().getUsed() - baseline);
                }
            }
        }
        System.out.printf("streaming: %d lines, %d MB uncompressed, peak retained heap %d KB%n",
                count, uncompressed / 1_000_000, peakRetained / 1024);
        assertThat(count).isEqualTo(40_000);
        assertThat(peakRetained).isLessThan(32L * 1024 * 1024);
    }
}
