package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {

    @Test
    void theRootIsTheIndexPageAndFilesCarryTheirContentType() {
        ConsoleResponse index = StaticAssets.serve("/console/");
        ConsoleResponse script = StaticAssets.serve("/console/app.js");

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("<script src=\"app.js\">");
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(StaticAssets.serve("/console/style.css").contentType()).startsWith("text/css");
    }

    @Test
    void pathsOutsideTheWebDirectoryOrUnknownFilesAreNotFound() {
        assertThat(StaticAssets.resolve("/console/../admin/AdminServer.class")).isEmpty();
        assertThat(StaticAssets.resolve("/console/web/app.js")).isEmpty();
        assertThat(StaticAssets.resolve("/console/App.JS")).isEmpty();
        assertThat(StaticAssets.serve("/console/missing.js").status()).isEqualTo(404);
    }
}
