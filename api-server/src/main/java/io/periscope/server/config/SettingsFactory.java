package io.periscope.server.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the validated {@link PeriscopeSettings} from Micronaut's environment (YAML, env vars, system properties). */
@Factory
public class SettingsFactory {

    @Context
    public PeriscopeSettings settings(Environment environment) {
        return PeriscopeSettings.read(new ConfigReader(new EnvironmentSource(environment)));
    }

    /** Adapts Micronaut's environment to the reader; lists keep their YAML form. */
    private record EnvironmentSource(Environment environment) implements ConfigReader.Source {
        @Override
        public Optional<Object> get(String key) {
            return environment.getProperty(key, Object.class);
        }

        @Override
        public Map<String, String> under(String prefix) {
            Map<String, String> out = new LinkedHashMap<>();
            environment.getProperties(prefix, StringConvention.RAW)
                    .forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        }
    }
}
