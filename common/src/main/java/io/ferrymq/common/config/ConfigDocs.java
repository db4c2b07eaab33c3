package io.ferrymq.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the Markdown configuration reference from a {@link ConfigDefinition}: one table per
 * group, one row per key (name, type, default, allowed values, importance, update mode when any key of
 * the definition is dynamic, description), in
 * definition order. The output is deterministic so a test can compare it with the committed docs.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** A Markdown document titled {@code title} describing every key of {@code definition}. */
    public static String markdown(String title, ConfigDefinition definition) {
        Map<String, List<ConfigKey>> byGroup = definition.keys().stream()
                .collect(Collectors.groupingBy(ConfigKey::group, LinkedHashMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("Generated from the configuration definitions; do not edit by hand.\n");
        boolean updateMode = definition.keys().stream().anyMatch(ConfigKey::dynamic);
        if (updateMode) {
            out.append("\nUpdate mode `dynamic`: the key may also be set at run time (`ferry configs alter "
                    + "--entity-type brokers`, per broker or cluster-wide) and takes effect without a restart; "
                    + "`read-only` keys take effect at start-up.\n");
        }
        byGroup.forEach((group, keys) -> {
            out.append("\n## ").append(group).append("\n\n");
            out.append("| name | type | default | valid values | importance |")
                    .append(updateMode ? " update mode |" : "").append(" description |\n");
            out.append("|---|---|---|---|---|").append(updateMode ? "---|" : "").append("---|\n");
            keys.forEach(key -> out.append(row(key, updateMode)));
        });
        return out.toString();
    }

    private static String row(ConfigKey key, boolean updateMode) {
        return "| `" + key.name() + "` | " + key.type().displayName() + " | " + code(key.defaultText()) + " | "
                + escape(key.validator().describe()) + " | " + key.importance().name().toLowerCase(Locale.ROOT) + " | "
                + (updateMode ? (key.dynamic() ? "dynamic" : "read-only") + " | " : "")
                + escape(key.doc()) + " |\n";
    }

    private static String code(String text) {
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
