package io.ferrymq.it.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stdout of the tool scripts under {@code src/test/scripts}: each step's lines follow a line
 * {@code == <step>}; {@link #lines(String)} gives one step's non-blank lines. Immutable.
 */
record ScriptSections(Map<String, List<String>> sections) {

    private static final String MARK = "== ";

    ScriptSections {
        sections = Map.copyOf(sections);
    }

    static ScriptSections parse(String stdout) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (line.startsWith(MARK)) {
                current = new ArrayList<>();
                sections.put(line.substring(MARK.length()).trim(), current);
            } else if (!line.isBlank()) {
                current.add(line.trim());
            }
        }
        return new ScriptSections(sections);
    }

    /** The step's lines; fails when the script never reached the step. */
    List<String> lines(String step) {
        List<String> lines = sections.get(step);
        if (lines == null) {
            throw new AssertionError("the script never reached step '" + step + "', steps: " + sections.keySet());
        }
        return lines;
    }
}
