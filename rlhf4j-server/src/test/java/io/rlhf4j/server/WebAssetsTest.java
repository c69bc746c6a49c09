package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on the files the server serves. The server's Content-Security-Policy allows styles and scripts from files only, so a style
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

    /** Every route the server registers is in the OpenAPI document it serves, with its method. */
    @Test
    void openApiDocumentsEveryRegisteredRoute() throws IOException {
        Pattern route = Pattern.compile("app\\.(get|post|put|delete)\\(\"(/api/[^\"]+)\"");
        List<String> routes = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/main/java/io/rlhf4j/server"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = route.matcher(Files.readString(f));
                while (m.find()) routes.add(m.group(1) + " " + m.group(2));
            }
        }
        assertThat(routes).hasSizeGreaterThanOrEqualTo(20);
        JsonNode paths = new ObjectMapper().readTree(WEB.resolve("openapi.json").toFile()).get("paths");
        for (String r : routes) {
            String[] mp = r.split(" ");
            assertThat(paths.path(mp[1]).has(mp[0].toLowerCase(Locale.ROOT))).as(r + " in openapi.json").isTrue();
        }
    }
}
