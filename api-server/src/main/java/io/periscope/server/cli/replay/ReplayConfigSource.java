package io.periscope.server.cli.replay;

import io.periscope.server.config.ConfigReader;
import io.periscope.server.config.PeriscopeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The server's settings as {@code periscope replay} reads them: {@code application.yml} from the classpath,
 * overridden by environment variables (the key upper-cased, dots and dashes as underscores), overridden by
 * system properties; the precedence and naming of docs/configuration.md, the same values the server's
 * Micronaut environment gives {@link PeriscopeSettings#read}.
 *
 * <p>Why not Micronaut here: booting its environment only to read these keys loads about 3,700 classes
 * (converters, bean definitions, Jackson) that a replay never uses again, about 20 MiB of class metadata and
 * symbols kept resident for the whole replay, and seconds of start-up CPU.
 */
public final class ReplayConfigSource implements ConfigReader.Source {
    private static final String FILE = "application.yml";

    private final Map<String, Object> file;
    private final Map<String, String> env;
    private final Properties system;

    ReplayConfigSource(Map<String, Object> file, Map<String, String> env, Properties system) {
        this.file = file;
        this.env = env;
        this.system = system;
    }

    /** The settings a server started with this environment and these system properties would use. */
    public static PeriscopeSettings settings(Map<String, String> env, Properties system) {
        return PeriscopeSettings.read(new ConfigReader(new ReplayConfigSource(applicationYml(), env, system)));
    }

    @Override
    public Optional<Object> get(String key) {
        String property = system.getProperty(key);
        if (property != null) {
            return Optional.of(property);
        }
        String variable = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (variable != null) {
            return Optional.of(variable);
        }
        return Optional.ofNullable(file.get(key));
    }

    /**
     * Keys under a prefix (Kafka client properties): from the file and system properties. Environment
     * variables cannot name them (their names contain dots), as docs/configuration.md says.
     */
    @Override
    public Map<String, String> under(String prefix) {
        String start = prefix + ".";
        Map<String, String> out = new LinkedHashMap<>();
        file.forEach((k, v) -> {
            if (k.startsWith(start)) {
                out.put(k.substring(start.length()), String.valueOf(v));
            }
        });
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(start)) {
                out.put(name.substring(start.length()), system.getProperty(name));
            }
        }
        return out;
    }

    /** application.yml flattened to dotted keys; sequences stay lists, as Micronaut keeps them. */
    static Map<String, Object> applicationYml() {
        try (InputStream in = ReplayConfigSource.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath");
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Object document : yaml.loadAll(in)) {
                flatten("", document, flat);
            }
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (node instanceof List<?> list) {
            out.put(prefix, list);
        } else if (node != null && !prefix.isEmpty()) {
            out.put(prefix, node);
        }
    }
}
