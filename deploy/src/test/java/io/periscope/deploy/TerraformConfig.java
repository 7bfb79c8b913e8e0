package io.periscope.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Terraform configuration directory (a module or a root), as declared: variables, locals, outputs, resources,
 * data sources and module calls, read with the HCL parser, plus the raw text of every file for reference scanning.
 * hcl4j evaluates some expressions while parsing, so only declarations (block labels and attribute names) are
 * taken from its result; references are scanned from the text.
 */
record TerraformConfig(
        Path dir,
        Map<String, Map<String, Object>> variables,
        Set<String> locals,
        Map<String, Map<String, Object>> outputs,
        Set<String> resources,
        Set<String> dataSources,
        Map<String, Map<String, Object>> moduleCalls,
        Map<Path, String> texts,
        List<String> parseErrors) {

    static TerraformConfig read(Path dir) throws IOException {
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        Set<String> locals = new LinkedHashSet<>();
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        Set<String> resources = new LinkedHashSet<>();
        Set<String> dataSources = new LinkedHashSet<>();
        Map<String, Map<String, Object>> modules = new LinkedHashMap<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Path file : tfFiles(dir)) {
            String text = Files.readString(file);
            texts.put(file, text);
            Map<String, Object> parsed;
            try {
                parsed = new HCLParser().parse(text);
            } catch (HCLParserException | RuntimeException e) {
                errors.add(file.getFileName() + ": " + e.getMessage().replace('\n', ' '));
                continue;
            }
            blocks(parsed, "variable").forEach((name, body) -> variables.put(name, asMap(body)));
            blocks(parsed, "locals").keySet().forEach(locals::add);
            blocks(parsed, "output").forEach((name, body) -> outputs.put(name, asMap(body)));
            blocks(parsed, "resource").forEach((type, named) -> asMap(named).keySet().forEach(n -> resources.add(type + "." + n)));
            blocks(parsed, "data").forEach((type, named) -> asMap(named).keySet().forEach(n -> dataSources.add(type + "." + n)));
            blocks(parsed, "module").forEach((name, body) -> modules.put(name, asMap(body)));
        }
        return new TerraformConfig(dir, variables, locals, outputs, resources, dataSources, modules, texts, errors);
    }

    /** Directories under {@code root} that hold .tf files: each is one configuration. */
    static List<Path> configurations(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> d.getFileName() == null || !d.getFileName().toString().startsWith("."))
                    .filter(d -> {
                        try {
                            return !tfFiles(d).isEmpty();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .sorted().toList();
        }
    }

    private static List<Path> tfFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
        }
    }

    private static Map<String, Object> blocks(Map<String, Object> parsed, String kind) {
        return asMap(parsed.get(kind));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
