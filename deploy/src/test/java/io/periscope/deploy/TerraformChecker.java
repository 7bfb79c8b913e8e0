package io.periscope.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks `terraform validate` would make that need no provider: every reference resolves to a declaration of
 * its configuration (variables, locals, resources, data sources, module outputs), every variable and output is
 * documented, every variable is typed and validated (booleans excepted: they cannot be invalid), and every module
 * call passes only variables the module declares and all that it requires. Returns problems as readable lines.
 */
final class TerraformChecker {
    private static final Pattern VAR = Pattern.compile("(?<![\\w./-])var\\.([A-Za-z_][\\w-]*)");
    private static final Pattern LOCAL = Pattern.compile("(?<![\\w./-])local\\.([A-Za-z_][\\w-]*)");
    private static final Pattern MODULE_OUTPUT = Pattern.compile("(?<![\\w./-])module\\.([A-Za-z_][\\w-]*)(?:\\[[^\\]]*\\])?\\.([A-Za-z_][\\w-]*)");
    private static final Pattern DATA = Pattern.compile("(?<![\\w./-])data\\.([a-z][\\w]*)\\.([A-Za-z_][\\w-]*)");
    private static final Pattern RESOURCE = Pattern.compile("(?<![\\w./-])((?:aws|terraform)_[a-z0-9_]+)\\.([A-Za-z_][\\w-]*)");
    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "providers", "depends_on");

    private final Map<Path, TerraformConfig> configs = new HashMap<>();

    List<String> check(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : TerraformConfig.configurations(root)) {
            problems.addAll(check(config(dir)));
        }
        return problems;
    }

    private TerraformConfig config(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        TerraformConfig c = configs.get(key);
        if (c == null) {
            c = TerraformConfig.read(key);
            configs.put(key, c);
        }
        return c;
    }

    private List<String> check(TerraformConfig c) throws IOException {
        List<String> problems = new ArrayList<>();
        String where = c.dir().getFileName().toString();
        c.parseErrors().forEach(e -> problems.add(where + ": does not parse: " + e));
        c.variables().forEach((name, body) -> {
            if (!(body.get("description") instanceof String d) || d.isBlank()) {
                problems.add(where + ": variable " + name + " has no description");
            }
            if (!body.containsKey("type")) {
                problems.add(where + ": variable " + name + " has no type");
            } else if (!String.valueOf(body.get("type")).toLowerCase().contains("bool") && !body.containsKey("validation")) {
                problems.add(where + ": variable " + name + " has no validation block");
            }
        });
        c.outputs().forEach((name, body) -> {
            if (!(body.get("description") instanceof String d) || d.isBlank()) {
                problems.add(where + ": output " + name + " has no description");
            }
        });
        for (Map.Entry<Path, String> file : c.texts().entrySet()) {
            String text = withoutComments(file.getValue());
            String at = where + "/" + file.getKey().getFileName();
            each(VAR, text, m -> c.variables().containsKey(m.group(1)), m -> at + ": var." + m.group(1) + " is not declared", problems);
            each(LOCAL, text, m -> c.locals().contains(m.group(1)), m -> at + ": local." + m.group(1) + " is not declared", problems);
            each(DATA, text, m -> c.dataSources().contains(m.group(1) + "." + m.group(2)),
                    m -> at + ": data." + m.group(1) + "." + m.group(2) + " is not declared", problems);
            each(RESOURCE, text, m -> c.resources().contains(m.group(1) + "." + m.group(2)),
                    m -> at + ": resource " + m.group(1) + "." + m.group(2) + " is not declared", problems);
            Matcher m = MODULE_OUTPUT.matcher(text);
            while (m.find()) {
                Map<String, Object> call = c.moduleCalls().get(m.group(1));
                if (call == null) {
                    problems.add(at + ": module." + m.group(1) + " is not declared");
                    continue;
                }
                TerraformConfig callee = callee(c, call);
                if (callee != null && !callee.outputs().containsKey(m.group(2))) {
                    problems.add(at + ": module." + m.group(1) + " has no output " + m.group(2));
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> call : c.moduleCalls().entrySet()) {
            TerraformConfig callee = callee(c, call.getValue());
            if (callee == null) {
                problems.add(where + ": module " + call.getKey() + " has no local source " + call.getValue().get("source"));
                continue;
            }
            for (String arg : call.getValue().keySet()) {
                if (!META_ARGUMENTS.contains(arg) && !callee.variables().containsKey(arg)) {
                    problems.add(where + ": module " + call.getKey() + " passes " + arg + ", which its module does not declare");
                }
            }
            callee.variables().forEach((name, body) -> {
                if (!body.containsKey("default") && !call.getValue().containsKey(name)) {
                    problems.add(where + ": module " + call.getKey() + " does not pass the required variable " + name);
                }
            });
        }
        return problems;
    }

    private TerraformConfig callee(TerraformConfig caller, Map<String, Object> call) throws IOException {
        if (!(call.get("source") instanceof String source) || !source.startsWith(".")) {
            return null;
        }
        Path dir = caller.dir().resolve(source).normalize();
        return Files.isDirectory(dir) ? config(dir) : null;
    }

    private static void each(Pattern p, String text, java.util.function.Predicate<Matcher> ok,
                             java.util.function.Function<Matcher, String> problem, List<String> problems) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (!ok.test(m)) {
                problems.add(problem.apply(m));
            }
        }
    }

    /** Drops whole-line comments, which are prose and may mention names that are not references. */
    private static String withoutComments(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String t = line.stripLeading();
            if (!t.startsWith("#") && !t.startsWith("//")) {
                b.append(line);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
