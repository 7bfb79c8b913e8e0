package io.periscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Configuration keys are written once in the code ({@link PeriscopeSettings#read}) and once in
 * {@code docs/configuration.md}; this test keeps the two the same. The keys the server reads are recorded by
 * reading the settings through a source that notes every key asked for; families of keys with a variable part
 * ({@code periscope.kafka.client.*}, {@code periscope.mirror.sessions.vni.<VNI>}) are read by prefix and
 * documented with {@code .*} or a {@code <placeholder>}.
 */
class ConfigurationDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    /** The shipped file, not the tests' own application.yml that shadows it on the test class path. */
    private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");
    /** The first cell of a row of a key table: the key in backticks, before any "(env ...)" note. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `(periscope\\.[^`]+)`");

    private static final Set<String> readKeys = new TreeSet<>();
    private static final Set<String> readPrefixes = new TreeSet<>();
    private static final Set<String> documentedKeys = new TreeSet<>();
    private static final Set<String> documentedPrefixes = new TreeSet<>();

    /** Notes every key and prefix asked for; answers only the values given. */
    private record RecordingSource(Map<String, Object> values) implements ConfigReader.Source {
        @Override
        public Optional<Object> get(String key) {
            readKeys.add(key);
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Map<String, String> under(String prefix) {
            readPrefixes.add(prefix);
            return Map.of();
        }
    }

    @BeforeAll
    static void readTheSettingsAndTheDocument() throws IOException {
        // the defaults, then the values that make the optional keys be read (live capture)
        PeriscopeSettings.read(new ConfigReader(new RecordingSource(Map.of())));
        PeriscopeSettings.read(new ConfigReader(new RecordingSource(Map.of("periscope.mirror.live.interface", "eth1"))));

        for (String line : Files.readAllLines(DOC)) {
            Matcher m = KEY_ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String key = m.group(1);
            int variable = variablePart(key);
            if (variable < 0) {
                documentedKeys.add(key);
            } else {
                documentedPrefixes.add(key.substring(0, variable));
            }
        }
    }

    /** Where {@code .*} or {@code .<name>} starts in a documented key, or -1. */
    private static int variablePart(String key) {
        int star = key.indexOf(".*");
        int placeholder = key.indexOf(".<");
        if (star < 0) {
            return placeholder;
        }
        return placeholder < 0 ? star : Math.min(star, placeholder);
    }

    @Test
    void theDocumentListsKeys() {
        assertThat(documentedKeys).as("keys parsed from " + DOC).hasSizeGreaterThan(100);
    }

    @Test
    void everyKeyTheServerReadsIsDocumented() {
        assertThat(readKeys).as("keys read by PeriscopeSettings.read but missing from the tables of " + DOC)
                .isSubsetOf(documentedKeys);
        assertThat(readPrefixes).as("key families (prefix.*) read but not documented in " + DOC)
                .isSubsetOf(documentedPrefixes);
    }

    @Test
    void everyDocumentedKeyIsRead() {
        assertThat(documentedKeys).as("keys documented in " + DOC + " that the server never reads")
                .isSubsetOf(readKeys);
        assertThat(documentedPrefixes).as("key families documented in " + DOC + " that the server never reads")
                .isSubsetOf(readPrefixes);
    }

    @Test
    void everyPeriscopeKeyOfApplicationYmlIsRead() throws IOException {
        Map<String, Object> flat = new HashMap<>();
        try (InputStream in = Files.newInputStream(APPLICATION_YML)) {
            flatten("", new Yaml().load(in), flat);
        }
        Set<String> unread = new TreeSet<>();
        for (String key : flat.keySet()) {
            if (key.startsWith("periscope.") && !readKeys.contains(key)
                    && readPrefixes.stream().noneMatch(p -> key.startsWith(p + "."))) {
                unread.add(key);
            }
        }
        assertThat(unread).as("keys in application.yml that the server never reads").isEmpty();
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.put(prefix, node);
        }
    }
}
