package io.rlhf4j.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's Content-Security-Policy allows styles and scripts from files only, so a style
 * attribute or inline script in a page is silently ignored by the browser (the login card once
 * stretched across the screen that way). This keeps them out of the web resources.
 */
class WebAssetsTest {
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Pattern INLINE_STYLE = Pattern.compile("\\sstyle=\"|[{,]\\s*style\\s*:");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|\\son[a-z]+=\"");

    @Test
    void pagesUseNoInlineStylesOrScriptsTheCspWouldBlock() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(WEB)) {
            files = s.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(INLINE_STYLE.matcher(text).find()).as(f + " has a style attribute").isFalse();
            if (f.toString().endsWith(".html")) assertThat(INLINE_SCRIPT.matcher(text).find()).as(f + " has inline script").isFalse();
        }
    }
}
