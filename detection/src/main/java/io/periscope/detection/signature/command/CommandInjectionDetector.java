package io.periscope.detection.signature.command;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Optional;

/**
 * OS command injection: a value that, pasted into a shell command line, ends the command it was meant for and starts
 * one of its own. {@link ShellScanner} finds every place a shell would start a new command (after {@code ; | || & &&},
 * a newline, inside {@code `...`} or {@code $(...)}) and reads the command word there the way a shell would (quotes
 * and backslashes inside the word removed, {@code ${IFS}} as a blank); the value is an injection when that word is a
 * command an attacker runs.
 *
 * <p>Also recognised, by anchored patterns: Shellshock function definitions {@code () { :;};}, server-side include
 * {@code <!--#exec cmd=}, and calls of a language's shell functions ({@code system('id')}).
 */
public final class CommandInjectionDetector implements ValueDetector {

    private static final KeywordSet CODE_EXEC = new KeywordSet(
            "() {", "<!--#exec", "system(", "shell_exec(", "passthru(", "popen(", "proc_open(", "pcntl_exec(",
            "runtime.getruntime().exec(", "exec(", "eval(", "{${", "phpinfo()");

    @Override
    public AttackClass attackClass() {
        return AttackClass.COMMAND_INJECTION;
    }

    /** See {@link ShellScanner#mayInject}; every code-execution keyword holds {@code (}, {@code {} or {@code <}. */
    @Override
    public boolean mayMatch(ValueScan scan) {
        return ShellScanner.mayInject(scan);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (value.length() < 2) {
            return Optional.empty();
        }
        ShellScanner.Command command = ShellScanner.firstInjectedCommand(value);
        if (command != null) {
            return Optional.of(new Match(AttackClass.COMMAND_INJECTION, command.confidence(),
                    command.rule(), Evidence.around(value, command.position())));
        }
        KeywordSet.Hit exec = firstCodeExec(value);
        if (exec != null) {
            String rule = switch (exec.keyword()) {
                case "() {" -> "cmdi.shellshock";
                case "<!--#exec" -> "cmdi.ssi-exec";
                case "{${", "phpinfo()" -> "cmdi.php-eval";
                default -> "cmdi.shell-function";
            };
            return Optional.of(new Match(AttackClass.COMMAND_INJECTION, 0.9, rule, Evidence.around(value, exec.start())));
        }
        return Optional.empty();
    }

    /** The first code-execution keyword whose argument makes it one (a value may name "system(s)" first in prose). */
    private static KeywordSet.Hit firstCodeExec(String value) {
        for (KeywordSet.Hit hit : CODE_EXEC.all(value, 16)) {
            if (codeExecArgument(value, hit)) {
                return hit;
            }
        }
        return null;
    }

    private static boolean phpCall(String value, int from) {
        int i = from;
        while (i < value.length() && i - from < 40 && (Character.isLetterOrDigit(value.charAt(i)) || value.charAt(i) == '_')) {
            i++;
        }
        return i > from && i < value.length() && value.charAt(i) == '(';
    }

    /**
     * Shellshock needs {@code () { :;}}-like content and SSI needs {@code cmd=}; a shell function call needs a quoted
     * or variable argument ({@code system('id')}, {@code system($_GET[...])}), not prose such as "system (beta)".
     */
    private static boolean codeExecArgument(String value, KeywordSet.Hit hit) {
        int end = hit.end();
        return switch (hit.keyword()) {
            case "() {" -> hit.start() == 0 || value.charAt(hit.start() - 1) != ' ' || value.indexOf(";}", end) > 0
                    || value.indexOf("; }", end) > 0;
            case "<!--#exec" -> value.regionMatches(true, end, " cmd=", 0, 5) || value.regionMatches(true, end, "cmd=", 0, 4);
            // PHP's complex syntax evaluates a call: {${phpinfo()}}, {${system('id')}}
            case "{${" -> phpCall(value, end);
            case "phpinfo()" -> true;
            default -> end < value.length() && (value.charAt(end) == '\'' || value.charAt(end) == '"'
                    || value.charAt(end) == '$' || value.charAt(end) == '`');
        };
    }
}
