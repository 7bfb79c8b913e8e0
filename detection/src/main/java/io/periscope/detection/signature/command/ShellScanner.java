package io.periscope.detection.signature.command;

import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.ValueScan;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A small shell tokenizer: finds where a POSIX shell or {@code cmd.exe} would start a new command in a value and
 * reads the command word there.
 *
 * <p>Command starts: after {@code ;}, {@code |}, {@code ||}, {@code &}, {@code &&}, a newline or carriage return,
 * inside {@code `...`} and {@code $(...)}. Between the start and the word, blanks, {@code ${IFS}}, {@code $IFS$9},
 * opening braces, parentheses and quotes are skipped. The word itself is read as a shell reads it: quotes and
 * backslashes inside it vanish ({@code w'h'o'am'i}, {@code c\at}), so the obfuscations that keep a shell happy do not
 * hide it. One left-to-right pass; each character is looked at a bounded number of times.
 */
final class ShellScanner {

    /**
     * Commands that are not English words, so that one standing where a command starts is an injection whatever
     * follows it.
     */
    private static final Set<String> DISTINCT = Set.of(
            "whoami", "uname", "ifconfig", "ipconfig", "netstat", "wget", "curl", "nslookup", "systeminfo", "sysinfo",
            "tasklist", "phpinfo", "powershell", "pwsh", "netsh", "certutil", "bitsadmin", "wmic", "mkfifo", "busybox",
            "nc", "ncat", "netcat", "msfvenom", "printenv", "xterm", "crontab", "useradd", "chmod", "chown", "passwd",
            "bash", "sh", "zsh", "ksh", "csh", "tcsh", "dash", "cmd", "cmd.exe", "perl", "python", "python2", "python3",
            "php", "ruby", "telnet", "base64", "traceroute", "tracert", "hostname", "sudo", "gcc", "xxd", "nohup",
            "nmap", "socat", "getent", "lsb_release", "nproc", "dmesg", "lsof", "killall", "pkill");

    /**
     * Commands that are also ordinary words ("cat", "sleep", "type"): they count only with an argument a shell command
     * has and prose has not (an option, a path, a number, a variable, nothing at all, or another separator).
     */
    private static final Set<String> WORDLIKE = Set.of(
            "id", "ls", "cat", "echo", "ping", "sleep", "type", "who", "w", "more", "less", "head", "tail", "find",
            "grep", "sort", "kill", "ps", "pwd", "set", "time", "date", "which", "whereis", "touch", "cp", "mv", "rm",
            "mkdir", "tar", "zip", "wc", "nl", "tac", "rev", "file", "stat", "env", "net", "ver", "vol", "start",
            "reg", "sed", "awk", "dig", "host", "od", "timeout", "exec", "eval", "export", "uptime", "last", "df", "du",
            "free", "top", "tee", "dir", "print", "system", "shutdown", "reboot", "del", "copy", "move", "tftp",
            "ftp", "ssh", "scp", "su", "cd", "true", "false");

    /** Commands whose name alone, as a whole value, is a probe: no data field holds "whoami". */
    private static final Set<String> SELF_EVIDENT = Set.of("whoami", "ifconfig", "ipconfig", "systeminfo", "uname",
            "netstat", "tasklist", "phpinfo");
    private static final Map<String, Set<String>> VERBS = Map.of(
            "net", Set.of("user", "users", "view", "localgroup", "group", "share", "use", "accounts", "session", "config"),
            "reg", Set.of("add", "query", "delete", "save", "export", "import"),
            "netsh", Set.of("firewall", "advfirewall", "interface", "wlan", "http"));

    /** What the scanner reads as one command word; a value of these alone has no separator and no argument. */
    private static final CharMask WORD = CharMask.ALPHANUMERIC.or(CharMask.of("._/:-"));
    /** The endings a lone word must have to be a {@link #SELF_EVIDENT} command ({@code /usr/bin/whoami}, {@code whoami.exe}). */
    private static final List<String> SELF_EVIDENT_ENDINGS = SELF_EVIDENT.stream()
            .flatMap(w -> Stream.of(w, w + ".exe")).toList();

    /** A command found at a command start: where its separator stood, and how sure the scan is. */
    record Command(String word, int position, double confidence, String rule) {
    }

    private ShellScanner() {
    }

    /**
     * Whether {@link #firstInjectedCommand} may find anything in the value {@code scan} read: a value of command-word
     * characters alone ({@link #WORD}) has no separator, blank, quote or variable, so it is at most one word at its
     * start, which counts only when it is a {@link #SELF_EVIDENT} command standing alone.
     */
    static boolean mayInject(ValueScan scan) {
        if (!scan.only(WORD)) {
            return true;
        }
        String value = scan.value();
        int n = value.length();
        char last = n == 0 ? ' ' : Character.toLowerCase(value.charAt(n - 1));
        for (String ending : SELF_EVIDENT_ENDINGS) {
            // the last character first: most words end otherwise, and this runs for every plain word
            if (ending.charAt(ending.length() - 1) == last
                    && value.regionMatches(true, n - ending.length(), ending, 0, ending.length())) {
                return true;
            }
        }
        return false;
    }

    /** The first command a shell would run on its own if {@code value} were pasted into a command line, or null. */
    static Command firstInjectedCommand(String value) {
        int n = value.length();
        Command leading = commandAt(value, 0, 0, false, true);
        if (leading != null) {
            return leading;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            int after;
            boolean strong;
            switch (c) {
                case ';', '\n', '\r' -> {
                    after = i + 1;
                    strong = c != ';';
                }
                case '|', '&' -> {
                    if (c == '&' && htmlEntity(value, i)) {
                        continue; // "&copy;", "&#169;": text, not a background operator
                    }
                    boolean doubled = i + 1 < n && value.charAt(i + 1) == c;
                    after = doubled ? i + 2 : i + 1;
                    strong = doubled || c == '|';
                }
                case '`' -> {
                    after = i + 1;
                    strong = true;
                }
                case '\\' -> {
                    // a literal "\n" that a string layer on the way turns into the newline it names
                    if (i + 1 < n && (value.charAt(i + 1) == 'n' || value.charAt(i + 1) == 'r')) {
                        after = i + 2;
                        strong = true;
                    } else {
                        continue;
                    }
                }
                case '$' -> {
                    if (i + 1 < n && value.charAt(i + 1) == '(') {
                        after = i + 2;
                        strong = true;
                    } else {
                        continue;
                    }
                }
                default -> {
                    continue;
                }
            }
            Command command = commandAt(value, i, after, strong, false);
            if (command != null) {
                return command;
            }
        }
        return null;
    }

    /**
     * The command word at {@code from} if it makes an injection. {@code leading}: the value's own start, where no
     * separator vouches for a command, so only a command with a shell-shaped argument counts ({@code ls -la /},
     * {@code cat /etc/passwd}), never a bare word ({@code id}, {@code python}: sort keys and tags).
     */
    private static Command commandAt(String value, int separator, int from, boolean strongSeparator, boolean leading) {
        int n = value.length();
        int i = from;
        boolean ifs = false;
        // what a shell skips before the command word: blanks, ${IFS}, grouping, quotes, a redirection's '<'
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '{' || c == '(' || c == '\'' || c == '"' || c == '<') {
                i++;
            } else if (c == '$' && ifsAt(value, i) > 0) {
                i += ifsAt(value, i);
                ifs = true;
            } else {
                break;
            }
        }
        StringBuilder word = new StringBuilder(16);
        int j = i;
        // the command word: quotes and backslashes inside it are removed by the shell
        while (j < n && word.length() < 64) {
            char c = value.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '/' || c == ':') {
                word.append(c);
            } else if (c != '\'' && c != '"' && c != '\\') {
                break;
            } else if (j + 1 >= n || !Character.isLetterOrDigit(value.charAt(j + 1))
                    || c == '\\' && (value.charAt(j + 1) == 'n' || value.charAt(j + 1) == 'r')) {
                break; // a literal "\n" ends the word: it is the separator of the next command
            }
            j++;
        }
        if (word.isEmpty()) {
            return null;
        }
        String path = word.toString().toLowerCase(Locale.ROOT);
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.endsWith(".exe")) {
            base = base.substring(0, base.length() - 4);
        }
        boolean qualified = path.startsWith("/") && path.indexOf('/', 1) > 0 || path.startsWith("c:");
        int argument = skipBlanks(value, j);
        boolean ifsArgument = argument < n && value.charAt(argument) == '$' && ifsAt(value, argument) > 0;
        if (leading) {
            boolean known = DISTINCT.contains(base) || WORDLIKE.contains(base);
            boolean argued = argument > j && leadingArgument(value, argument, base) || netCommand(base, value, argument);
            boolean alone = argument >= n && SELF_EVIDENT.contains(base);
            // bash brace expansion, "{cat,/etc/passwd}": a command line without a single blank
            boolean braced = j < n && value.charAt(j) == ',' && i > 0 && value.charAt(i - 1) == '{';
            return known && (argued || alone || braced || ifsArgument)
                    ? new Command(base, 0, ifsArgument ? 0.9 : 0.7, ifsArgument ? "cmdi.ifs" : "cmdi.command-line") : null;
        }
        if (DISTINCT.contains(base)) {
            double confidence = ifs || ifsArgument ? 0.95 : strongSeparator || qualified ? 0.9 : 0.85;
            return new Command(base, separator, confidence, ifs || ifsArgument ? "cmdi.ifs" : "cmdi.command");
        }
        if (WORDLIKE.contains(base) && (qualified || ifs || ifsArgument || shellArgument(value, j, argument)
                || netCommand(base, value, argument))) {
            return new Command(base, separator, ifs || ifsArgument ? 0.95 : qualified ? 0.9 : 0.8,
                    ifs || ifsArgument ? "cmdi.ifs" : "cmdi.command");
        }
        if (qualified && (path.startsWith("/bin/") || path.startsWith("/usr/") || path.startsWith("/sbin/"))) {
            return new Command(base, separator, 0.85, "cmdi.path-command");
        }
        return null;
    }

    /**
     * What follows a word-like command makes it a command: the end of the value, another separator, an option
     * ({@code -la}), a path, a variable, a number ({@code sleep 5}), a drive ({@code C:\}), a redirection or a
     * brace-expansion comma ({@code {cat,/etc/passwd}}).
     */
    private static boolean shellArgument(String value, int wordEnd, int argument) {
        int n = value.length();
        if (argument >= n) {
            return true;
        }
        char c = value.charAt(argument);
        if (argument == wordEnd) {
            // no blank after the word: only a separator, redirection or brace-expansion comma continues a command
            return c == ';' || c == '|' || c == '&' || c == '`' || c == ')' || c == ',' || c == '>' || c == '<'
                    || c == '\n' || c == '\r' || c == '\'' || c == '"' || c == '}'
                    || c == '\\' && argument + 1 < n && (value.charAt(argument + 1) == 'n' || value.charAt(argument + 1) == 'r');
        }
        if (c == '-' || c == '/' || c == '\\' || c == '$' || c == '.' || c == '~' || c == '*' || c == '%'
                || c == ';' || c == '|' || c == '&' || c == '`' || c == '>' || c == '<' || c == '\n' || c == '\r'
                || c == '\'' || c == '"' || Character.isDigit(c)) {
            return true;
        }
        // a drive: "C:\", "c:/", or "c:" ending the value
        return argument + 1 < n && Character.isLetter(c) && value.charAt(argument + 1) == ':'
                && (argument + 2 == n || value.charAt(argument + 2) == '\\' || value.charAt(argument + 2) == '/');
    }

    /**
     * At the value's start the argument must look like a command line's and not like prose's ("top 10", "free trial",
     * "date 2024-01-01" are data): an option ({@code -la}), an absolute path, a drive, a variable or a home directory;
     * for {@code echo} also a quoted string.
     */
    private static boolean leadingArgument(String value, int argument, String base) {
        int n = value.length();
        if (argument >= n) {
            return false;
        }
        char c = value.charAt(argument);
        char next = argument + 1 < n ? value.charAt(argument + 1) : ' ';
        if (c == '-' && Character.isLetter(next) || c == '/' && (Character.isLetter(next) || next == '/' || next == ' '
                || argument + 1 == n) || c == '\\' || c == '$' || c == '~') {
            return true;
        }
        if ((c == '\'' || c == '"') && base.equals("echo") || c == '%' && base.equals("type")) {
            return true;
        }
        if (DISTINCT.contains(base) && value.regionMatches(true, argument, "http", 0, 4)) {
            return true; // curl http://..., wget https://...
        }
        return Character.isLetter(c) && next == ':' && (argument + 2 == n || value.charAt(argument + 2) == '\\'
                || value.charAt(argument + 2) == '/');
    }

    /**
     * {@code net user}, {@code reg add}, {@code netsh firewall}: Windows administration commands, whose argument is a
     * word, recognised by their verbs.
     */
    private static boolean netCommand(String base, String value, int argument) {
        Set<String> verbs = VERBS.get(base);
        if (verbs == null || argument >= value.length()) {
            return false;
        }
        int end = argument;
        while (end < value.length() && Character.isLetter(value.charAt(end))) {
            end++;
        }
        return verbs.contains(value.substring(argument, end).toLowerCase(Locale.ROOT));
    }

    /** {@code &name;} or {@code &#123;} at {@code i}. */
    private static boolean htmlEntity(String value, int i) {
        int j = i + 1;
        if (j < value.length() && value.charAt(j) == '#') {
            j++;
        }
        int start = j;
        while (j < value.length() && j - start < 32 && Character.isLetterOrDigit(value.charAt(j))) {
            j++;
        }
        return j > start && j < value.length() && value.charAt(j) == ';';
    }

    private static int skipBlanks(String value, int from) {
        int i = from;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Length of {@code ${IFS}}, {@code $IFS$9} or {@code $IFS} at {@code i}, else 0. */
    private static int ifsAt(String value, int i) {
        if (value.startsWith("${IFS}", i)) {
            return 6;
        }
        if (value.startsWith("$IFS$9", i)) {
            return 6;
        }
        if (value.startsWith("$IFS", i)) {
            return 4;
        }
        return 0;
    }
}
